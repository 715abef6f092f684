export { ImportSpecDialog } from './ImportSpecDialog';
export type { ImportSpecDialogProps } from './ImportSpecDialog';
