/**
 * Extension points of the iot backend: image stores (and, later, deployment
 * providers).
 *
 * @packageDocumentation
 */
export * from './images';
