import { BillingMode, Flavour, ResourceTypeId } from './types';
import {
  analyseSpecGraph,
  SpecGraphProblem,
  SpecGraphValidationContext,
} from './validate';

/** One resource of a plan: what will be created for a node. */
export type PlannedResource = {
  nodeId: string;
  type: ResourceTypeId;
  /** Type labels. */
  label: string;
  labelZh: string;
  /** The node's `name` property. */
  name: string;
  /** Parallel level: 0 for resources without dependencies, else one more than the highest dependency. */
  level: number;
  /** Node ids this resource depends on: created before it, deleted after it. */
  dependsOn: string[];
  /** Node ids that depend on this resource. */
  dependants: string[];
  flavour: Flavour | null;
  quantity: number;
  billingMode: BillingMode;
  /** The type's key properties (registry `keyProperties`), defaults applied. */
  keyProperties: Record<string, unknown>;
  /** Every property, defaults applied. */
  properties: Record<string, unknown>;
  /** Outputs the resource produces once created. */
  outputs: readonly string[];
  /** Nominal creation and deletion times, in seconds. */
  createSeconds: number;
  deleteSeconds: number;
  /** Nominal start and end of creation with unbounded parallelism, in seconds from the start. */
  startSeconds: number;
  finishSeconds: number;
};

/** The deployment plan of a valid graph (`GET /specs/{specId}/plan`), which the deployment engine executes. */
export type SpecPlan = {
  /** In install order. */
  resources: PlannedResource[];
  /** Node ids by parallel level: each level only depends on earlier ones. */
  levels: string[][];
  /** Node ids, level by level (graph order within a level). */
  installOrder: string[];
  /** `installOrder` reversed: dependants are deleted before what they depend on. */
  uninstallOrder: string[];
  /** The chain of dependencies that takes longest to create, and how long it takes. */
  criticalPath: { nodeIds: string[]; seconds: number };
};

/** One row of a trial's resource confirmation table (MKT-4, `GET /subscriptions/{id}/resources`). */
export type ResourceConfirmationRow = {
  nodeId: string;
  type: ResourceTypeId;
  /** The resource's name. */
  resource: string;
  typeLabel: string;
  typeLabelZh: string;
  flavour: Flavour | null;
  quantity: number;
  billingMode: BillingMode;
};

/** Thrown by `planSpecGraph` for a graph with problems. */
export class InvalidSpecGraphError extends Error {
  readonly problems: SpecGraphProblem[];

  constructor(problems: SpecGraphProblem[]) {
    super(
      `the graph has ${problems.length} problem${
        problems.length === 1 ? '' : 's'
      }: ${problems
        .slice(0, 3)
        .map(p => p.message)
        .join(' | ')}${problems.length > 3 ? ' | ...' : ''}`,
    );
    this.name = 'InvalidSpecGraphError';
    this.problems = problems;
  }
}

/**
 * The deployment plan of a graph: parallel levels, install and uninstall
 * order, critical path, and per resource what will be created. Throws
 * `InvalidSpecGraphError` with every problem when the graph is not valid
 * (`context` as for `validateSpecGraph`).
 */
export function planSpecGraph(
  graph: unknown,
  context: SpecGraphValidationContext = {},
): SpecPlan {
  const { problems, nodes, order } = analyseSpecGraph(graph, context);
  if (problems.length || !order) {
    throw new InvalidSpecGraphError(problems);
  }

  const levelOf = new Map<string, number>();
  const finishOf = new Map<string, number>();
  const levels: string[][] = [];
  // `order` lists dependencies first; a level only depends on earlier levels.
  for (const id of order) {
    const node = nodes.get(id)!;
    let level = 0;
    let start = 0;
    for (const dependency of node.dependsOn) {
      level = Math.max(level, levelOf.get(dependency)! + 1);
      start = Math.max(start, finishOf.get(dependency)!);
    }
    levelOf.set(id, level);
    finishOf.set(id, start + node.definition!.createSeconds);
    (levels[level] ??= []).push(id);
  }
  for (const level of levels) {
    level.sort((a, b) => nodes.get(a)!.index - nodes.get(b)!.index);
  }
  const installOrder = levels.flat();

  const resources = installOrder.map((id): PlannedResource => {
    const node = nodes.get(id)!;
    const definition = node.definition!;
    const properties = node.properties!;
    const { billing } = definition;
    const flavourId = billing.flavourProperty
      ? properties[billing.flavourProperty]
      : undefined;
    const keyProperties: Record<string, unknown> = {};
    for (const key of definition.keyProperties) {
      keyProperties[key] = properties[key];
    }
    const finishSeconds = finishOf.get(id)!;
    return {
      nodeId: id,
      type: definition.id,
      label: definition.label,
      labelZh: definition.labelZh,
      name: properties.name as string,
      level: levelOf.get(id)!,
      dependsOn: node.dependsOn,
      dependants: node.dependants,
      flavour: billing.flavours.find(f => f.id === flavourId) ?? null,
      quantity: billing.quantityProperty
        ? (properties[billing.quantityProperty] as number)
        : 1,
      billingMode:
        (properties.billingMode as BillingMode | undefined) ?? billing.modes[0],
      keyProperties,
      properties,
      outputs: definition.outputs,
      createSeconds: definition.createSeconds,
      deleteSeconds: definition.deleteSeconds,
      startSeconds: finishSeconds - definition.createSeconds,
      finishSeconds,
    };
  });

  let last: string | undefined;
  for (const id of installOrder) {
    if (last === undefined || finishOf.get(id)! > finishOf.get(last)!)
      last = id;
  }
  const criticalPath: string[] = [];
  for (let at = last; at !== undefined; ) {
    criticalPath.push(at);
    let previous: string | undefined;
    for (const dependency of nodes.get(at)!.dependsOn) {
      if (
        previous === undefined ||
        finishOf.get(dependency)! > finishOf.get(previous)!
      ) {
        previous = dependency;
      }
    }
    at = previous;
  }

  return {
    resources,
    levels,
    installOrder,
    uninstallOrder: [...installOrder].reverse(),
    criticalPath: {
      nodeIds: criticalPath.reverse(),
      seconds: last === undefined ? 0 : finishOf.get(last)!,
    },
  };
}

/**
 * The resource confirmation table of a trial (MKT-4): one row per resource
 * in install order, with flavour, quantity and billing mode. Throws
 * `InvalidSpecGraphError` like `planSpecGraph`.
 */
export function resourceConfirmationTable(
  graph: unknown,
): ResourceConfirmationRow[] {
  return planSpecGraph(graph).resources.map(resource => ({
    nodeId: resource.nodeId,
    type: resource.type,
    resource: resource.name,
    typeLabel: resource.label,
    typeLabelZh: resource.labelZh,
    flavour: resource.flavour,
    quantity: resource.quantity,
    billingMode: resource.billingMode,
  }));
}
