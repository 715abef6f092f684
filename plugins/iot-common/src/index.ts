/**
 * Isomorphic parts of the IoT portal: entity kinds, schemas, validators and
 * permissions.
 *
 * @packageDocumentation
 */
export * from './entities';
export * from './permissions';
export * from './conditions';
export * from './images';
export * from './apps';
export * from './resources';
export * from './review';
export * from './reviewImage';
