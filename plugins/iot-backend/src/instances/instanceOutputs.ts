import { JsonObject } from '@backstage/types';
import { ResourceRecord, StoredInstanceOutputs } from './InstancesStore';

/** The account of the app's administrator on every instance; its password is generated per instance. */
export const ADMIN_ACCOUNT = 'admin';

type Listener = { protocol?: string; port?: number };

function firstListener(resource: ResourceRecord | undefined): Listener {
  const listeners = resource?.definition.properties.listeners;
  return Array.isArray(listeners) && listeners.length > 0
    ? (listeners[0] as Listener)
    : {};
}

/** `http://host`, `http://host:8080`, `tcp://host:1883` for a listener. */
function addressOf(host: string, listener: Listener): string {
  const protocol = (listener.protocol ?? 'HTTP').toLocaleLowerCase('en-US');
  const defaultPort = protocol === 'http' ? 80 : undefined;
  const port =
    listener.port !== undefined && listener.port !== defaultPort
      ? `:${listener.port}`
      : '';
  return `${protocol}://${host}${port}`;
}

function text(outputs: JsonObject | null, key: string): string | undefined {
  const value = outputs?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Where users reach an installed app: its domain name if the graph has a
 * DNS record, else the public address of its load balancer (with the first
 * listener's protocol and port), else a VM's public address, else an
 * elastic IP's; null when nothing is public.
 */
export function accessAddressOf(resources: ResourceRecord[]): string | null {
  const ofType = (type: string) =>
    resources.filter(r => r.type === type && r.status === 'ready');
  const loadBalancer = ofType('load-balancer').find(r =>
    text(r.outputs, 'publicAddress'),
  );
  const listener = firstListener(loadBalancer ?? ofType('load-balancer')[0]);
  const fqdn = ofType('dns-record')
    .map(r => text(r.outputs, 'fqdn'))
    .find(Boolean);
  if (fqdn) {
    return addressOf(fqdn, listener);
  }
  if (loadBalancer) {
    return addressOf(text(loadBalancer.outputs, 'publicAddress')!, listener);
  }
  const host =
    ofType('vm')
      .map(r => text(r.outputs, 'publicAddress'))
      .find(Boolean) ??
    ofType('eip')
      .map(r => text(r.outputs, 'address'))
      .find(Boolean);
  return host ? addressOf(host, {}) : null;
}

/** What an installed instance shows besides its password. */
export function instanceOutputsOf(
  resources: ResourceRecord[],
): StoredInstanceOutputs {
  return { accessAddress: accessAddressOf(resources), account: ADMIN_ACCOUNT };
}
