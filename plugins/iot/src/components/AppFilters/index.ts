export { AppFilters } from './AppFilters';
export type { AppFilterValues, AppFiltersProps } from './AppFilters';
