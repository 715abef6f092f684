export type {
  DeploymentCreateContext,
  DeploymentOperationContext,
  DeploymentProvider,
  DeploymentResource,
} from './DeploymentProvider';
export { isTransientProviderError, TransientProviderError } from './errors';
export type { IotDeploymentProviderExtensionPoint } from './extensions';
export { iotDeploymentProviderExtensionPoint } from './extensions';
