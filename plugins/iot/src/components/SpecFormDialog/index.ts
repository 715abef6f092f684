export { SpecFormDialog } from './SpecFormDialog';
export type { SpecFormDialogProps } from './SpecFormDialog';
