export { SearchFilter, SelectFilter } from './ListFilters';
export type { SearchFilterProps, SelectFilterProps } from './ListFilters';
