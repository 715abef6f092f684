/**
 * Frontend of the IoT portal.
 *
 * @packageDocumentation
 */
export { iotPlugin as default } from './plugin';
export { iotTranslationRef } from './translation';
export { iotTranslations } from './translations';
