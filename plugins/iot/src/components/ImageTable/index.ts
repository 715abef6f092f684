export { ImageTable } from './ImageTable';
export type { ImageTableProps } from './ImageTable';
