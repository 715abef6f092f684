import { stringify } from 'yaml';
import { PlannedResource, planSpecGraph } from './plan';
import { terraformNames } from './terraform';
import {
  ContainerWorkloadProperties,
  LoadBalancerProperties,
  NodePoolProperties,
} from './registry';

/** Options of `toKubernetesManifests`. */
export type KubernetesOptions = {
  /** Registry (and organisation) the images are pulled from: `<registry>/<name>:<version>`. */
  registry?: string;
  /** Secret to pull images with; CCE's `default-secret` (SWR) when absent, none when empty. */
  imagePullSecret?: string;
  /**
   * ELB ids by load balancer node id, for the Services of the workloads it
   * fronts; absent ids stay placeholders `${<name>_id}` named after the
   * Terraform export's outputs, to fill in from `terraform output`.
   */
  loadBalancerIds?: Record<string, string>;
};

/** The registry images are pulled from when `KubernetesOptions.registry` is absent. */
export const DEFAULT_IMAGE_REGISTRY =
  'swr.cn-north-4.myhuaweicloud.com/iot-portal';

/** A Kubernetes object. */
export type KubernetesObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
};

/** A DNS-1123 label from any name (Service names derived from load balancer names). */
function dnsLabel(text: string) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/**
 * The Kubernetes objects of a valid graph's container workloads: a
 * Namespace for each namespace other than `default`, and per workload a
 * Deployment (scheduled on its node pool), a ClusterIP Service for its
 * ports, and a `LoadBalancer` Service bound to each ELB that fronts it
 * (listener port to backend port). Throws `InvalidSpecGraphError` for an
 * invalid graph.
 */
export function kubernetesObjects(
  graph: unknown,
  options: KubernetesOptions = {},
): KubernetesObject[] {
  const plan = planSpecGraph(graph);
  const registry = (options.registry ?? DEFAULT_IMAGE_REGISTRY).replace(
    /\/+$/,
    '',
  );
  const pullSecret = options.imagePullSecret ?? 'default-secret';
  const byId = new Map(plan.resources.map(r => [r.nodeId, r]));
  const terraformName = terraformNames(plan.resources);
  const workloads = plan.resources.filter(r => r.type === 'container-workload');

  const namespaces = [
    ...new Set(
      workloads
        .map(w => (w.properties as ContainerWorkloadProperties).namespace)
        .filter(ns => ns !== 'default'),
    ),
  ];
  const objects: KubernetesObject[] = namespaces.map(name => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
  }));

  for (const workload of workloads) {
    const props = workload.properties as ContainerWorkloadProperties;
    const metadata = { name: props.name, namespace: props.namespace };
    const selector = { app: props.name };
    const pool = workload.dependsOn
      .map(id => byId.get(id)!)
      .find(d => d.type === 'node-pool')!;
    const resources = {
      cpu: `${Math.round(props.cpu * 1000)}m`,
      memory: `${props.memoryMiB}Mi`,
    };
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        ...metadata,
        labels: { app: props.name, version: props.image.version },
      },
      spec: {
        replicas: props.replicas,
        selector: { matchLabels: selector },
        template: {
          metadata: {
            labels: { app: props.name, version: props.image.version },
          },
          spec: {
            nodeSelector: {
              'cce.cloud.com/cce-nodepool': (
                pool.properties as NodePoolProperties
              ).name,
            },
            containers: [
              {
                name: props.name,
                image: `${registry}/${props.image.name}:${props.image.version}`,
                ...(props.ports.length
                  ? {
                      ports: props.ports.map(p => ({
                        containerPort: p.containerPort,
                        protocol: p.protocol,
                      })),
                    }
                  : {}),
                ...(props.env.length
                  ? {
                      env: props.env.map(e => ({
                        name: e.name,
                        value: e.value,
                      })),
                    }
                  : {}),
                resources: { requests: resources, limits: resources },
              },
            ],
            ...(pullSecret ? { imagePullSecrets: [{ name: pullSecret }] } : {}),
          },
        },
      },
    });
    if (props.ports.length) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata,
        spec: {
          type: 'ClusterIP',
          selector,
          ports: props.ports.map(p => ({
            name: `${p.protocol.toLowerCase()}-${p.containerPort}`,
            port: p.containerPort,
            targetPort: p.containerPort,
            protocol: p.protocol,
          })),
        },
      });
    }
    for (const lb of workload.dependants
      .map(id => byId.get(id)!)
      .filter((d): d is PlannedResource => d.type === 'load-balancer')) {
      const lbProps = lb.properties as LoadBalancerProperties;
      objects.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: dnsLabel(`${props.name}-${lbProps.name}`),
          namespace: props.namespace,
          annotations: {
            'kubernetes.io/elb.class': 'performance',
            'kubernetes.io/elb.id':
              options.loadBalancerIds?.[lb.nodeId] ??
              `\${${terraformName.get(lb.nodeId)}_id}`,
          },
        },
        spec: {
          type: 'LoadBalancer',
          selector,
          ports: lbProps.listeners.map(l => ({
            name: `${l.protocol.toLowerCase()}-${l.port}`,
            port: l.port,
            targetPort: l.backendPort,
            protocol: l.protocol === 'UDP' ? 'UDP' : 'TCP',
          })),
        },
      });
    }
  }
  return objects;
}

/** `kubernetesObjects` as one multi-document YAML stream, for `kubectl apply -f`. */
export function toKubernetesManifests(
  graph: unknown,
  options: KubernetesOptions = {},
): string {
  return kubernetesObjects(graph, options)
    .map(object => stringify(object, { lineWidth: 0 }))
    .join('---\n');
}
