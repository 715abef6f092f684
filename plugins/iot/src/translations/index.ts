export { iotTranslations, iotTranslationsModule } from './resource';
