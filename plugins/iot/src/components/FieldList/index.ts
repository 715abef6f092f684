export { Field, FieldList } from './FieldList';
export type { FieldProps } from './FieldList';
