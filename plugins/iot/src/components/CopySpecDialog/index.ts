export { CopySpecDialog } from './CopySpecDialog';
export type { CopySpecDialogProps } from './CopySpecDialog';
