export { categoryColor, ResourceTypeIcon } from './ResourceTypeIcon';
