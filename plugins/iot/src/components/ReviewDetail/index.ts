export { ReviewDetail, ReviewSubmission } from './ReviewDetail';
