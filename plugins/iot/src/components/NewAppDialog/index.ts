export { NewAppDialog } from './NewAppDialog';
export type { NewAppDialogProps } from './NewAppDialog';
