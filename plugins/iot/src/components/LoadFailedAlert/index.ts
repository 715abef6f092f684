export { LoadFailedAlert } from './LoadFailedAlert';
