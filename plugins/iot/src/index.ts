export { iotPlugin as default } from './plugin';
