import { JsonObject } from '@backstage/types';
import {
  DeploymentCreateContext,
  DeploymentResource,
} from '@internal/backstage-plugin-iot-node';
import { createHash } from 'node:crypto';

/** Deterministic bytes of an idempotency key: the same key, the same fake resource. */
function digestOf(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** A fake cloud id such as `vpc-3f2a9c1b0d4e`, from the key. */
export function fakeCloudId(type: string, key: string): string {
  const prefix = type.replace(/[^a-z]/g, '').slice(0, 6);
  return `${prefix}-${digestOf(key).toString('hex').slice(0, 12)}`;
}

/**
 * A public address from 198.18.0.0/15, the range set aside for benchmarks
 * (RFC 2544): clearly fake, never someone's server.
 */
function publicAddress(digest: Buffer, salt = 0): string {
  return `198.${18 + (digest[4 + salt] & 1)}.${digest[5 + salt]}.${
    1 + (digest[6 + salt] % 254)
  }`;
}

/** A host address inside `cidr` (the subnet's), away from its first ten addresses. */
function privateAddress(cidr: unknown, digest: Buffer, salt = 0): string {
  const match =
    typeof cidr === 'string'
      ? /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr)
      : null;
  if (!match) {
    return `192.168.${digest[7 + salt]}.${10 + (digest[8 + salt] % 240)}`;
  }
  const base =
    ((Number(match[1]) << 24) |
      (Number(match[2]) << 16) |
      (Number(match[3]) << 8) |
      Number(match[4])) >>>
    0;
  const bits = Math.min(Math.max(Number(match[5]), 8), 30);
  const size = 2 ** (32 - bits);
  const network = base & ~(size - 1);
  const offset =
    size > 32
      ? 10 + (digest.readUInt16BE(9 + salt) % (size - 20))
      : 2 + (digest[9 + salt] % (size - 3));
  const address = (network + offset) >>> 0;
  return [24, 16, 8, 0].map(shift => (address >>> shift) & 255).join('.');
}

/** The outputs of a dependency of a given type, if the resource depends on one. */
function inputOf(
  ctx: DeploymentCreateContext,
  type: string,
): JsonObject | undefined {
  return Object.values(ctx.inputs).find(input => input.type === type)?.outputs;
}

const DATABASE_PORTS: Record<string, number> = {
  'mysql-8.0': 3306,
  'mysql-5.7': 3306,
  'postgresql-16': 5432,
  'postgresql-14': 5432,
};

/**
 * What the sandbox returns for a resource: the outputs its type declares,
 * derived from the idempotency key, the properties and the dependencies'
 * outputs (a load balancer's public address is its elastic IP's), so that
 * they look like a cloud's and stay the same on every retry. Passwords are
 * not among them: the engine generates and keeps those.
 */
export function fakeOutputs(
  resource: DeploymentResource,
  ctx: DeploymentCreateContext,
): JsonObject {
  const key = ctx.idempotencyKey;
  const digest = digestOf(key);
  const id = fakeCloudId(resource.type, key);
  const properties = resource.properties;
  const subnetCidr = inputOf(ctx, 'subnet')?.cidr;
  const eip = inputOf(ctx, 'eip');
  switch (resource.type) {
    case 'vpc':
      return { id, cidr: properties.cidr ?? null };
    case 'subnet':
      return {
        id,
        cidr: properties.cidr ?? null,
        gatewayIp: properties.gatewayIp ?? null,
      };
    case 'security-group':
      return { id };
    case 'eip':
      return { id, address: publicAddress(digest) };
    case 'load-balancer':
      return {
        id,
        privateAddress: privateAddress(subnetCidr, digest),
        publicAddress: eip?.address ?? null,
      };
    case 'dns-record':
      return { fqdn: resource.name };
    case 'container-cluster':
      return {
        id,
        apiServerAddress: `https://${privateAddress(subnetCidr, digest)}:5443`,
      };
    case 'node-pool': {
      const count = typeof properties.count === 'number' ? properties.count : 1;
      return {
        id,
        nodeAddresses: Array.from({ length: count }, (_, index) =>
          privateAddress(subnetCidr, digest, index % 16),
        ),
      };
    }
    case 'container-workload': {
      const ports = Array.isArray(properties.ports) ? properties.ports : [];
      const first = ports[0] as { containerPort?: number } | undefined;
      return {
        serviceAddress: `${resource.name}.${
          properties.namespace ?? 'default'
        }.svc.cluster.local${
          first?.containerPort ? `:${first.containerPort}` : ''
        }`,
      };
    }
    case 'vm':
      return {
        id,
        privateAddress: privateAddress(subnetCidr, digest),
        publicAddress: eip?.address ?? null,
        account: 'root',
      };
    case 'rds': {
      const engine = String(properties.engine ?? 'mysql-8.0');
      return {
        id,
        address: privateAddress(subnetCidr, digest),
        port: DATABASE_PORTS[engine] ?? 3306,
        // Huawei Cloud RDS calls the administrator root on every engine
        account: 'root',
      };
    }
    case 'cache':
      return { id, address: privateAddress(subnetCidr, digest), port: 6379 };
    case 'object-storage':
      return {
        bucket: resource.name,
        endpoint: `https://${resource.name}.obs.sandbox.invalid`,
      };
    case 'iot-device-access': {
      const host = `${digest
        .toString('hex')
        .slice(0, 10)}.iotda.sandbox.invalid`;
      return {
        id,
        mqttsEndpoint: `mqtts://${host}:8883`,
        httpsEndpoint: `https://${host}:443`,
      };
    }
    default:
      return { id };
  }
}
