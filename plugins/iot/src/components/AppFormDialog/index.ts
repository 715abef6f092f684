export { AppFormDialog } from './AppFormDialog';
export type { AppFormDialogProps } from './AppFormDialog';
