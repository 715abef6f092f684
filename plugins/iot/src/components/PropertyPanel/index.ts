export { PropertyPanel } from './PropertyPanel';
export type { PropertyPanelProps } from './PropertyPanel';
export type { ImageChoices } from './ImagePicker';
