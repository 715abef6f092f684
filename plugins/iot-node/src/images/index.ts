export type { ImageStore } from './ImageStore';
export type { IotImageStoreExtensionPoint } from './extensions';
export { iotImageStoreExtensionPoint } from './extensions';
