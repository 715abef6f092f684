export { CardTable, entityTitleCell } from './CardTable';
export type { CardTableProps } from './CardTable';
