export { DescriptionField, Field, FieldList } from './FieldList';
export type { FieldProps } from './FieldList';
