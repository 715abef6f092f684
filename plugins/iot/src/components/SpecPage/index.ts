export { SpecPage } from './SpecPage';
