/***/
/**
 * The iot-processor module for @backstage/plugin-catalog-backend
 *
 * @packageDocumentation
 */

export { catalogModuleIot as default } from './module';
