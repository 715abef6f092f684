export { DeleteVersionDialog } from './DeleteVersionDialog';
export type {
  DeleteVersionDialogProps,
  VersionToDelete,
} from './DeleteVersionDialog';
