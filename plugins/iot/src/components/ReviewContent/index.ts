export { ReviewContent } from './ReviewContent';
