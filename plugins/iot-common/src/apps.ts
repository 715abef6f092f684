import { z } from 'zod/v4';
import {
  DEPLOY_LOCATIONS,
  DeployLocation,
  REVIEW_STATUSES,
  ReviewStatus,
  SPEC_TYPES,
  SpecType,
} from './entities/constants';
import {
  IMAGE_NAME_PATTERN,
  IMAGE_VERSION_PATTERN,
  MAX_LIST_LIMIT,
} from './images';

/** Longest app and spec name (APP-1, SPEC-1). */
export const MAX_APP_NAME_LENGTH = 64;
/** Longest app description (APP-1). */
export const MAX_APP_DESCRIPTION_LENGTH = 1024;
/** Longest spec name (SPEC-1). */
export const MAX_SPEC_NAME_LENGTH = 64;
/** Longest spec description (SPEC-1). */
export const MAX_SPEC_DESCRIPTION_LENGTH = 300;
/** Largest spec archive `POST /apps/{appId}/specs/import` accepts (SPEC-2): 500 KB. */
export const MAX_SPEC_ARCHIVE_BYTES = 500 * 1024;

/** Ids of apps and specs: also their catalog entity names. */
export const RESOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** An industry and its scenarios, as `GET /app-taxonomy` lists them (APP-1). */
export type Industry = {
  id: string;
  /** English label. */
  label: string;
  /** Chinese label; the English one when absent. */
  labelZh?: string;
  scenarios: { id: string; label: string; labelZh?: string }[];
};

/** Body of `GET /app-taxonomy`. */
export type AppTaxonomy = { industries: Industry[] };

/** A name: trimmed, not empty, no control characters. */
function displayName(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');
}

const taxonomyId = z
  .string()
  .regex(RESOURCE_ID_PATTERN, 'must be an id from GET /app-taxonomy');

const appDescription = z
  .string()
  .max(
    MAX_APP_DESCRIPTION_LENGTH,
    `must be at most ${MAX_APP_DESCRIPTION_LENGTH} characters`,
  );

/** Body of `POST /apps` (APP-1). Industry and scenario are checked against the taxonomy by the service. */
export const createAppRequestSchema = z
  .object({
    name: displayName(MAX_APP_NAME_LENGTH),
    industry: taxonomyId,
    scenario: taxonomyId,
    description: appDescription.default(''),
    /** The owning ISV group, needed when the caller is in several. */
    owner: z.string().min(1).max(255).optional(),
  })
  .strict();

/**
 * Body of `PATCH /apps/{appId}` (APP-2): any of the editable fields. Built
 * without the defaults of the create schema, which `.partial()` would apply
 * to every field left out.
 */
export const updateAppRequestSchema = z
  .object({
    name: displayName(MAX_APP_NAME_LENGTH),
    industry: taxonomyId,
    scenario: taxonomyId,
    description: appDescription,
  })
  .partial()
  .strict();

/** Query of `GET /apps` (APP-3). */
export const listAppsQuerySchema = z
  .object({
    /** Part of the app name (case-insensitive). */
    name: z.string().max(MAX_APP_NAME_LENGTH).optional(),
    reviewStatus: z.enum(REVIEW_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).optional(),
    cursor: z.string().min(1).max(200).optional(),
  })
  .strict();

/** Path parameters naming an app. */
export const appParamsSchema = z.object({
  appId: z.string().regex(RESOURCE_ID_PATTERN, 'is not an app id'),
});

/** Path parameters naming a spec. */
export const specParamsSchema = z.object({
  specId: z.string().regex(RESOURCE_ID_PATTERN, 'is not a spec id'),
});

/** A node of a spec's dependency graph (SPEC-7; the resource types arrive with the editor). */
export const specGraphNodeSchema = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -'),
    type: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a resource type id'),
    properties: z.record(z.string(), z.unknown()).default({}),
    position: z.object({ x: z.number(), y: z.number() }).optional(),
  })
  .strict();

/** An edge: `source` depends on `target`. */
export const specGraphEdgeSchema = z
  .object({
    source: z.string().min(1).max(64),
    target: z.string().min(1).max(64),
  })
  .strict();

/** A spec's dependency graph as stored, exported and imported. */
export const specGraphSchema = z
  .object({
    nodes: z.array(specGraphNodeSchema).max(500, 'must have at most 500 nodes'),
    edges: z
      .array(specGraphEdgeSchema)
      .max(2000, 'must have at most 2000 edges'),
  })
  .strict();

/** @public */
export type SpecGraph = z.infer<typeof specGraphSchema>;
/** @public */
export type SpecGraphNode = z.infer<typeof specGraphNodeSchema>;

/** The empty graph of a new spec. */
export const EMPTY_SPEC_GRAPH: SpecGraph = { nodes: [], edges: [] };

/** An image version a spec deploys. */
export type SpecImageUse = { name: string; version: string };

const specImageRefSchema = z
  .object({
    name: z.string().regex(IMAGE_NAME_PATTERN),
    version: z.string().regex(IMAGE_VERSION_PATTERN),
  })
  .strict();

/**
 * The image versions a graph deploys: every node whose `properties.image` is
 * `{ name, version }` (container workloads and VMs), deduplicated, sorted.
 */
export function imagesOfGraph(graph: SpecGraph): SpecImageUse[] {
  const seen = new Map<string, SpecImageUse>();
  for (const node of graph.nodes) {
    const parsed = specImageRefSchema.safeParse(node.properties.image);
    if (parsed.success) {
      seen.set(`${parsed.data.name}@${parsed.data.version}`, parsed.data);
    }
  }
  return [...seen.values()].sort(
    (a, b) =>
      a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
}

const specFields = {
  type: z.enum(SPEC_TYPES),
  deployLocation: z.enum(DEPLOY_LOCATIONS),
  name: displayName(MAX_SPEC_NAME_LENGTH),
  description: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(
      MAX_SPEC_DESCRIPTION_LENGTH,
      `must be at most ${MAX_SPEC_DESCRIPTION_LENGTH} characters`,
    ),
  allowTrial: z.boolean(),
};

/** Body of `POST /apps/{appId}/specs` (SPEC-1). */
export const createSpecRequestSchema = z
  .object({ ...specFields, allowTrial: specFields.allowTrial.default(false) })
  .strict();

/**
 * Body of `PATCH /specs/{specId}` (SPEC-3). Without the create schema's
 * default, which `.partial()` would apply to a left-out `allowTrial`.
 */
export const updateSpecRequestSchema = z.object(specFields).partial().strict();

/** Body of `POST /specs/{specId}/copy` (SPEC-6): the new spec's name, else one is suggested. */
export const copySpecRequestSchema = z
  .object({ name: displayName(MAX_SPEC_NAME_LENGTH).optional() })
  .strict();

/** @public */
export type CreateAppRequest = z.input<typeof createAppRequestSchema>;
/** @public */
export type UpdateAppRequest = z.input<typeof updateAppRequestSchema>;
/** @public */
export type ListAppsQuery = z.input<typeof listAppsQuerySchema>;
/** @public */
export type CreateSpecRequest = z.input<typeof createSpecRequestSchema>;
/** @public */
export type UpdateSpecRequest = z.input<typeof updateSpecRequestSchema>;

/** An app as the API answers (APP-1..5). */
export type IotAppItem = {
  /** Also the IotApp entity name. */
  id: string;
  name: string;
  industry: string;
  scenario: string;
  description: string;
  reviewStatus: ReviewStatus;
  /** Entity ref of the owning ISV group. */
  owner: string;
  /** Entity ref of the app's IotApp entity. */
  entityRef: string;
  specCount: number;
  /** Ids of the specs on the marketplace (REV-2); empty until approved. */
  listedSpecIds: string[];
  createdBy: string;
  /** ISO 8601 times. */
  createdAt: string;
  updatedAt: string;
};

/** Body of `GET /apps`. */
export type ListAppsResponse = {
  items: IotAppItem[];
  nextCursor: string | null;
};

/** A spec as the API answers (SPEC-1..6). */
export type IotSpecItem = {
  /** Also the IotSpec entity name. */
  id: string;
  appId: string;
  name: string;
  type: SpecType;
  deployLocation: DeployLocation;
  description: string;
  allowTrial: boolean;
  /** Image versions the graph deploys. */
  images: SpecImageUse[];
  owner: string;
  entityRef: string;
  createdAt: string;
  updatedAt: string;
  /**
   * Whether a deployment test of the spec's current graph reached
   * `running` (SPEC-8; SPEC-9 requires it). A later change of the graph
   * clears it; uninstalling the test instance does not. Always present in
   * the API's answers.
   */
  passedDeploymentTest?: boolean;
  /** The latest deployment test of the spec, null before the first. Always present in the API's answers. */
  lastDeploymentTest?: IotDeploymentTestSummary | null;
};

/** Body of `GET /apps/{appId}/specs`. */
export type ListSpecsResponse = { items: IotSpecItem[] };

/** Version of the spec archive manifest this portal writes (SPEC-5). */
export const SPEC_MANIFEST_VERSION = 1;

/** File name of the manifest inside a spec archive. */
export const SPEC_MANIFEST_FILE = 'iot-spec.json';

/**
 * `iot-spec.json`, the manifest of an exported spec (SPEC-5): what import
 * (SPEC-2) turns back into an identical spec. Documented in
 * plugins/iot-backend/README.md ("Spec archives").
 */
export const specManifestSchema = z
  .object({
    manifestVersion: z.literal(SPEC_MANIFEST_VERSION),
    kind: z.literal('IotSpec'),
    /** When and from which portal spec it was exported; informational. */
    exportedAt: z.string().max(64).optional(),
    source: z
      .object({ specId: z.string().max(63), appId: z.string().max(63) })
      .optional(),
    spec: createSpecRequestSchema,
    graph: specGraphSchema,
    /** Image versions the graph deploys; import checks they exist. */
    images: z.array(specImageRefSchema).max(500),
  })
  .strict();

/** @public */
export type SpecManifest = z.infer<typeof specManifestSchema>;

/** What an instance is for (SPEC-8 deployment tests; MKT-4 trials; MKT-5 purchases). */
export const INSTANCE_KINDS = ['test', 'trial', 'purchase'] as const;
/** @public */
export type InstanceKind = (typeof INSTANCE_KINDS)[number];

/**
 * Lifecycle of an instance: `pending` (accepted), `installing` (creating
 * resources, or rolling back after a failure), `running` (installed),
 * `failed` (install rolled back, or an uninstall that could not delete
 * everything), `uninstalling`, `deleted`.
 */
export const INSTANCE_STATUSES = [
  'pending',
  'installing',
  'running',
  'failed',
  'uninstalling',
  'deleted',
] as const;
/** @public */
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

/** What the engine is doing, or last did, with an instance. */
export const INSTANCE_OPERATIONS = [
  'install',
  'rollback',
  'uninstall',
] as const;
/** @public */
export type InstanceOperation = (typeof INSTANCE_OPERATIONS)[number];

/** State of one resource of an instance. */
export const INSTANCE_RESOURCE_STATUSES = [
  'pending',
  'creating',
  'ready',
  'failed',
  'deleting',
  'deleted',
] as const;
/** @public */
export type InstanceResourceStatus =
  (typeof INSTANCE_RESOURCE_STATUSES)[number];

/** How an install ended. */
export const INSTALL_RESULTS = ['passed', 'failed'] as const;
/** @public */
export type InstallResult = (typeof INSTALL_RESULTS)[number];

/** Path parameters naming an instance. */
export const instanceParamsSchema = z.object({
  instanceId: z
    .string()
    .regex(
      /^inst-[a-z0-9]{20}$/,
      'is not an instance id (inst- and 20 letters or digits)',
    ),
});

/** Query of `GET /instances/{instanceId}/events`: events after the id `after`, oldest first. */
export const listInstanceEventsQuerySchema = z
  .object({
    after: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).optional(),
  })
  .strict();

/** Query of `GET /specs/{specId}/deployment-tests`: newest first. */
export const listDeploymentTestsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).optional(),
    cursor: z.string().min(1).max(200).optional(),
  })
  .strict();

/** Why an instance failed: the resource (when one did) and the reason. */
export type IotInstanceError = {
  /** The node whose resource failed; null when the failure was not a resource's. */
  nodeId: string | null;
  message: string;
};

/** One resource of an instance, as `GET /instances/{instanceId}` answers. */
export type IotInstanceResource = {
  nodeId: string;
  /** Resource type id, e.g. `rds`. */
  type: string;
  /** The node's `name` property. */
  name: string;
  status: InstanceResourceStatus;
  /**
   * What the resource produced once created (the type's outputs, e.g. `id`,
   * `address`); `password` only for the instance's owner. Empty before.
   */
  outputs: Record<string, unknown>;
  /** Why its creation or deletion failed; kept after a rollback. */
  error: string | null;
  /** Create (or delete) attempts of the latest operation on it. */
  attempts: number;
  /** ISO 8601 times of the latest operation; null before any. */
  startedAt: string | null;
  finishedAt: string | null;
};

/** A log line of an instance. */
export type IotInstanceEvent = {
  /** Increasing; pass the last one seen as `after` to get newer ones. */
  id: number;
  /** ISO 8601 time. */
  at: string;
  level: 'info' | 'warn' | 'error';
  /** The resource it is about, if any. */
  nodeId: string | null;
  message: string;
};

/** Access information of an installed instance (SPEC-8, MY-4). */
export type IotInstanceOutputs = {
  /** Where the app answers, e.g. `http://121.36.17.5`; null when nothing is public. */
  accessAddress: string | null;
  /** The app's administrator account. */
  account: string;
  /** Its generated password; only for the instance's owner. */
  password?: string;
};

/** An instance without its resources and events, as lists show it. */
export type IotInstanceSummary = {
  /** `inst-` and 20 letters or digits. */
  id: string;
  specId: string;
  kind: InstanceKind;
  status: InstanceStatus;
  operation: InstanceOperation;
  /** Entity ref of the owning group. */
  owner: string;
  /** Entity ref of the user who started it. */
  createdBy: string;
  error: IotInstanceError | null;
  /**
   * How its install ended: `passed` once it reached `running`, `failed`
   * once a failed install was rolled back; kept after an uninstall. Null
   * while installing, and for an install an uninstall stopped.
   */
  installResult: InstallResult | null;
  /** ISO 8601 time the install ended with `installResult`; null before. */
  installFinishedAt: string | null;
  /** ISO 8601 times. */
  createdAt: string;
  updatedAt: string;
};

/** Body of `GET /instances/{instanceId}`. */
export type IotInstanceItem = IotInstanceSummary & {
  /** In install order. */
  resources: IotInstanceResource[];
  /** Once `running` (kept while uninstalling); null otherwise. */
  outputs: IotInstanceOutputs | null;
  /** The latest 100 events, oldest first; all of them at `GET /instances/{instanceId}/events`. */
  events: IotInstanceEvent[];
};

/** Body of `GET /instances/{instanceId}/events`. */
export type ListInstanceEventsResponse = {
  items: IotInstanceEvent[];
  /** The `after` of the next page; null when there are no more events yet. */
  nextCursor: string | null;
};

/** Body of `GET /specs/{specId}/deployment-tests`. */
export type ListDeploymentTestsResponse = {
  items: IotInstanceSummary[];
  nextCursor: string | null;
};

/** Body of `POST /specs/{specId}/deployment-tests` (202). */
export type StartDeploymentTestResponse = { instanceId: string };

/** The latest deployment test of a spec, on its spec item. */
export type IotDeploymentTestSummary = {
  instanceId: string;
  /** How far the test install got: `installing`, then `running` or `failed`; an uninstall later does not change it. */
  status: 'installing' | 'running' | 'failed';
  /** ISO 8601 time of that status. */
  at: string;
};
