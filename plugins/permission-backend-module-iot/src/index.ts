/***/
/**
 * The iot module for @backstage/plugin-permission-backend
 *
 * @packageDocumentation
 */

export { permissionModuleIot as default } from './module';
