/**
 * The backend of the IoT portal.
 *
 * @packageDocumentation
 */
export { iotPlugin as default } from './plugin';
export {
  iotResourcePermissionResourceRef,
  isOwnerRule,
  type IotResourceFilter,
} from './permissions';
