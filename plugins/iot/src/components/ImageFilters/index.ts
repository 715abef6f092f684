export { ImageFilters } from './ImageFilters';
export type { ImageFilterValues, ImageFiltersProps } from './ImageFilters';
