/**
 * Keeps the iot plugin's uploaded images in S3-compatible object storage
 * (AWS S3, MinIO, Ceph, ...), configured under `iot.images.s3`.
 *
 * @packageDocumentation
 */

export { iotModuleS3ImageStore as default } from './module';
export { S3ImageStore } from './S3ImageStore';
