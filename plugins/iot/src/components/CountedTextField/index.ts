export { CountedTextField } from './CountedTextField';
export type { CountedTextFieldProps } from './CountedTextField';
