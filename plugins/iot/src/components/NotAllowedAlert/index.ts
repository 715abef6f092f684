export { NotAllowedAlert } from './NotAllowedAlert';
