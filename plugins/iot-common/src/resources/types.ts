import { z } from 'zod/v4';
import { ImageKind } from '../entities/constants';

/** Ids of the node types of a spec's dependency graph (SPEC-7), in palette order. */
export const RESOURCE_TYPE_IDS = [
  'vpc',
  'subnet',
  'security-group',
  'eip',
  'load-balancer',
  'dns-record',
  'container-cluster',
  'node-pool',
  'container-workload',
  'vm',
  'rds',
  'cache',
  'object-storage',
  'iot-device-access',
] as const;
/** @public */
export type ResourceTypeId = (typeof RESOURCE_TYPE_IDS)[number];

/** Palette sections, in palette order. */
export const RESOURCE_CATEGORIES = [
  'network',
  'compute',
  'containers',
  'storage',
  'database',
  'iot',
] as const;
/** @public */
export type ResourceCategory = (typeof RESOURCE_CATEGORIES)[number];

/**
 * How a resource is billed (MKT-4's confirmation table). `free` for resources
 * that cost nothing themselves (a VPC, a workload running on a billed node pool).
 */
export const BILLING_MODES = {
  'pay-per-use': { label: 'Pay-per-use', labelZh: '按需计费' },
  monthly: { label: 'Monthly', labelZh: '包月' },
  yearly: { label: 'Yearly', labelZh: '包年' },
  free: { label: 'Free', labelZh: '免费' },
} as const;
/** @public */
export type BillingMode = keyof typeof BILLING_MODES;

/** A size a resource can be bought in: an ECS flavour, a bandwidth line, a storage class. */
export type Flavour = {
  id: string;
  label: string;
  labelZh: string;
  vcpus?: number;
  memoryGiB?: number;
  /** Capacity, for caches. */
  sizeGiB?: number;
  /** What one unit of the price is for, e.g. `hour`, `GB-month`. */
  priceUnit: string;
};

/** How the nodes of a type are billed; flavours and modes are data so MKT-4's table derives from a graph. */
export type ResourceBilling = {
  /** Modes offered, the default first; `['free']` for resources that cost nothing. */
  modes: readonly BillingMode[];
  flavours: readonly Flavour[];
  /** Property holding the flavour id. */
  flavourProperty?: string;
  /** Property holding the number of units (node count, replicas); 1 when absent. */
  quantityProperty?: string;
};

/**
 * One node type of the dependency graph. Edges point from a node to what it
 * depends on (`source` depends on `target`), so `requires` and `allows` name
 * edge targets.
 */
export type ResourceTypeDefinition = {
  id: ResourceTypeId;
  /** English label. */
  label: string;
  /** Chinese label. */
  labelZh: string;
  /** Short icon name the frontend maps to an icon component. */
  icon: string;
  category: ResourceCategory;
  /** The node's `properties`: types, enums, ranges, defaults, required. */
  propertySchema: z.ZodType<Record<string, unknown>>;
  /** Types a node must depend on: at least one node of each. */
  requires: readonly ResourceTypeId[];
  /** Types of which a node must depend on at least one (any one); empty when none. */
  requiresOneOf: readonly ResourceTypeId[];
  /** Every type a node may depend on, `requires` and `requiresOneOf` included. */
  allows: readonly ResourceTypeId[];
  /** Types a node may depend on at most one node of (a subnet is in one VPC). */
  atMostOne: readonly ResourceTypeId[];
  /** Values the resource produces once created, which dependants may use. */
  outputs: readonly string[];
  /** Kind of uploaded image `properties.image` must name, for types that run one. */
  imageKind?: ImageKind;
  billing: ResourceBilling;
  /** Properties the plan shows for a resource besides flavour and quantity. */
  keyProperties: readonly string[];
  /** Nominal time to create and to delete one, in seconds (plan estimates; the sandbox provider's latencies). */
  createSeconds: number;
  deleteSeconds: number;
};

/** A node type as `GET /resource-types` answers: the property schema as JSON Schema. */
export type ResourceTypeItem = Omit<
  ResourceTypeDefinition,
  'propertySchema'
> & {
  propertySchema: Record<string, unknown>;
};

/** Body of `GET /resource-types`. */
export type ListResourceTypesResponse = { items: ResourceTypeItem[] };
