export { SpecImageList } from './SpecImageList';
