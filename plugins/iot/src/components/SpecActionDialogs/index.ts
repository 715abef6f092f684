export { SpecActionDialogs } from './SpecActionDialogs';
export type { SpecAction, SpecActionDialogsProps } from './SpecActionDialogs';
