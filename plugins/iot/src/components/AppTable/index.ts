export { AppTable } from './AppTable';
export type { AppTableProps } from './AppTable';
