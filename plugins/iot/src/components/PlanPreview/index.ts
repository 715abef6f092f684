export { PlanPreview } from './PlanPreview';
export type { PlanPreviewProps } from './PlanPreview';
