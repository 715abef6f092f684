export { ReviewDetail } from './ReviewDetail';
