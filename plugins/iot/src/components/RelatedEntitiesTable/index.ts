export { RelatedEntitiesTable } from './RelatedEntitiesTable';
export type {
  RelatedEntitiesTableProps,
  RelatedEntityRow,
} from './RelatedEntitiesTable';
