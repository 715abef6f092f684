export {
  formatBytes,
  ImageRuleError,
  isImageRuleError,
  MAX_IMAGE_BYTES,
  type ImageRule,
  type ImageRuleStatus,
} from './errors';
export { parseImageFileName, type ImageFileName } from './fileName';
export {
  createImageInspector,
  type ImageInspector,
  type ImageInspectorOptions,
  type InspectionResult,
} from './inspector';
export { VM_FORMATS, type VmFormat } from './vmFormat';
