export { SpecGraphView } from './SpecGraphView';
export type { SpecGraphViewProps } from './SpecGraphView';
