/**
 * The IoT module for @backstage/plugin-catalog-backend: validates the IoT
 * kinds, relates them, and publishes the entities the iot database owns.
 *
 * @packageDocumentation
 */

export { catalogModuleIot as default } from './module';
export * from './provider';
