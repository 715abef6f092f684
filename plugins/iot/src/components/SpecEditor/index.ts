export { SpecEditor } from './SpecEditor';
export type { SpecEditorProps } from './SpecEditor';
