export * from './types';
export * from './registry';
export * from './validate';
export * from './connections';
export * from './plan';
export * from './terraform';
export * from './kubernetes';
export * from './example';
