/**
 * Scaffolder actions of the IoT portal: `iot:instance:deploy` and
 * `iot:instance:uninstall`, which call the iot backend on behalf of the
 * task's user.
 *
 * @packageDocumentation
 */
export { scaffolderModuleIot as default } from './module';
export * from './actions';
