export {
  IOT_CATALOG_TOPIC,
  IOT_DATABASE_LOCATION,
  IotDatabaseEntityProvider,
} from './IotDatabaseEntityProvider';
export type {
  IotCatalogEventPayload,
  IotDatabaseEntityProviderOptions,
  IotDatabaseEntityProviderRetry,
} from './IotDatabaseEntityProvider';
