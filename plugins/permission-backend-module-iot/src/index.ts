/**
 * Permission policy of the IoT portal, as a module for
 * `@backstage/plugin-permission-backend`.
 *
 * @packageDocumentation
 */
export { permissionModuleIot as default } from './module';
