import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { DeploymentProvider } from './DeploymentProvider';

/**
 * Lets a backend module set the provider the iot plugin's deployment engine
 * creates and deletes resources with. Without one, the engine uses the
 * built-in `sandbox` provider, a simulated cloud.
 *
 * @public
 */
export interface IotDeploymentProviderExtensionPoint {
  /** Sets the provider; at most one module may. */
  setProvider(provider: DeploymentProvider): void;
}

/** @public */
export const iotDeploymentProviderExtensionPoint =
  createExtensionPoint<IotDeploymentProviderExtensionPoint>({
    id: 'iot.deployment-provider',
  });
