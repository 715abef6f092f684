/**
 * Extension points of the iot backend: image stores and deployment
 * providers.
 *
 * @packageDocumentation
 */
export * from './images';
export * from './deployments';
