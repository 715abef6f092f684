export { RESOURCE_TYPE_DRAG_TYPE, ResourcePalette } from './ResourcePalette';
export type { ResourcePaletteProps } from './ResourcePalette';
