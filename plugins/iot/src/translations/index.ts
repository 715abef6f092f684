export { iotTranslationExtension, iotTranslations } from './resource';
