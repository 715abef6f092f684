import { z } from 'zod/v4';
import { specGraphEdgeSchema, specGraphNodeSchema, SpecGraph } from '../apps';
import { ImageKind, ImageUploadStatus } from '../entities/constants';
import { dependencyTypeRefusal } from './connections';
import {
  PROPERTY_FORMATS,
  PropertyFormat,
  PropertyProblemText,
  SpecGraphProblemText,
} from './problems';
import { getResourceType, RESOURCE_TYPES } from './registry';
import { RESOURCE_TYPE_IDS, ResourceTypeDefinition } from './types';

/** The rule a problem of a dependency graph breaks. */
export type SpecGraphRule =
  | 'schema'
  | 'graph-size'
  | 'duplicate-id'
  | 'unknown-type'
  | 'property-required'
  | 'property-type'
  | 'property-range'
  | 'property-step'
  | 'property-enum'
  | 'property-format'
  | 'property-unique'
  | 'property-unknown'
  | 'property-invalid'
  | 'edge-unknown-node'
  | 'self-loop'
  | 'duplicate-edge'
  | 'edge-not-allowed'
  | 'missing-dependency'
  | 'too-many-dependencies'
  | 'cycle'
  | 'duplicate-name'
  | 'image-missing'
  | 'image-owner'
  | 'image-kind'
  | 'image-version-missing'
  | 'image-not-ready';

/**
 * One thing wrong with a graph: what the editor highlights and `PUT
 * .../graph` answers with 400. `code` and `params` say it in any language
 * (`SpecGraphProblemText`), `message` in English.
 */
export type SpecGraphProblem = {
  /** The node the problem is on. */
  nodeId?: string;
  /** The nodes of a cycle, in edge order. */
  nodeIds?: string[];
  edge?: { source: string; target: string };
  /** Path of the property, e.g. `listeners[1].port`. */
  property?: string;
  rule: SpecGraphRule;
  /** Names the node, the property, the value and what to do. */
  message: string;
} & SpecGraphProblemText;

/** An uploaded image version, as far as validation needs it. */
export type SpecGraphImage = {
  name: string;
  version: string;
  kind: ImageKind;
  status: ImageUploadStatus;
  /** Entity ref of the owning group. */
  owner: string;
};

/** What validation checks a graph against besides the registry. */
export type SpecGraphValidationContext = {
  /** The images the graph may use; the image rules are checked only when given. */
  images?: readonly SpecGraphImage[];
  /** Entity ref of the app's group: referenced images must belong to it. */
  owner?: string;
  /** Size limits; by default those of a stored graph (`specGraphSchema`). */
  limits?: { maxNodes: number; maxEdges: number };
};

/** Result of `validateSpecGraph`: empty `problems` means the graph can be saved and deployed. */
export type SpecGraphValidation = { problems: SpecGraphProblem[] };

/** Limits of a stored graph, as `specGraphSchema` sets them. */
export const SPEC_GRAPH_LIMITS = { maxNodes: 500, maxEdges: 2000 } as const;

const graphShapeSchema = z
  .object({
    nodes: z.array(specGraphNodeSchema),
    edges: z.array(specGraphEdgeSchema),
  })
  .strict();

/** A node of a graph that passed the schema, as the later checks and the plan see it. */
export type AnalysedNode = {
  id: string;
  /** Position in `graph.nodes`. */
  index: number;
  type: string;
  definition?: ResourceTypeDefinition;
  /** Properties with defaults applied (and `x-` properties kept); undefined while invalid. */
  properties?: Record<string, unknown>;
  /** Ids of the nodes this one depends on (edge targets), in edge order. */
  dependsOn: string[];
  /** Ids of the nodes that depend on this one. */
  dependants: string[];
};

/** Everything validation learnt about a graph. */
export type SpecGraphAnalysis = {
  problems: SpecGraphProblem[];
  /** Nodes by id (the first of duplicates); empty when the graph failed the schema. */
  nodes: Map<string, AnalysedNode>;
  /** Node ids in dependency order (dependencies first); undefined when there is a cycle. */
  order?: string[];
};

function formatValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]) {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** A property's problem: its rule, what is wrong (English), what to do, and its text in any language. */
type PropertyIssue = {
  rule: SpecGraphRule;
  what: string;
  fix?: string;
  text: PropertyProblemText;
};

/** Formats by their English message, the message zod reports. */
const FORMAT_BY_MESSAGE = new Map<string, PropertyFormat>(
  Object.entries(PROPERTY_FORMATS).map(([format, message]) => [
    message,
    format as PropertyFormat,
  ]),
);

function sizeLimit(
  origin: string,
  bound: number | bigint,
  inclusive: boolean | undefined,
  upper: boolean,
): Omit<PropertyIssue, 'rule'> {
  const n = Number(bound);
  const most = upper ? 'at most' : 'at least';
  if (origin === 'string') {
    if (!upper && n === 1) {
      return {
        what: 'must not be empty',
        text: { code: 'text-empty', params: {} },
      };
    }
    return {
      what: `must be ${most} ${n} characters long`,
      text: upper
        ? { code: 'text-too-long', params: { max: n } }
        : { code: 'text-too-short', params: { min: n } },
    };
  }
  if (origin === 'array' || origin === 'set') {
    if (!upper && n === 1) {
      return {
        what: 'must have at least one item',
        text: { code: 'list-empty', params: {} },
      };
    }
    return {
      what: `must have ${most} ${n} items`,
      text: upper
        ? { code: 'list-too-long', params: { max: n } }
        : { code: 'list-too-short', params: { min: n } },
    };
  }
  if (inclusive === false) {
    return {
      what: `must be ${upper ? 'less' : 'greater'} than ${n}`,
      text: upper
        ? { code: 'number-not-less', params: { bound: n } }
        : { code: 'number-not-greater', params: { bound: n } },
    };
  }
  return {
    what: `must be ${most} ${n}`,
    text: upper
      ? { code: 'number-too-large', params: { max: n } }
      : { code: 'number-too-small', params: { min: n } },
  };
}

/** A zod issue as a rule, what is wrong and (when the message has one) what to do. */
function describeIssue(
  issue: z.core.$ZodIssue,
  present: boolean,
): PropertyIssue {
  switch (issue.code) {
    case 'invalid_type':
      if (!present) {
        return {
          rule: 'property-required',
          what: 'is required',
          fix: 'set it in the property panel',
          text: { code: 'property-required', params: {} },
        };
      }
      return {
        rule: 'property-type',
        what: `must be ${EXPECTED[issue.expected] ?? issue.expected}`,
        text: { code: 'property-type', params: { expected: issue.expected } },
      };
    case 'too_big':
      return {
        rule: 'property-range',
        ...sizeLimit(issue.origin, issue.maximum, issue.inclusive, true),
      };
    case 'too_small':
      return {
        rule: 'property-range',
        ...sizeLimit(issue.origin, issue.minimum, issue.inclusive, false),
      };
    case 'not_multiple_of':
      return {
        rule: 'property-step',
        what: `must be a multiple of ${Number(issue.divisor)}`,
        text: {
          code: 'number-step',
          params: { divisor: Number(issue.divisor) },
        },
      };
    case 'invalid_value': {
      const values = issue.values.map(v => formatValue(v));
      return {
        rule: 'property-enum',
        what: `must be one of ${values.join(', ')}`,
        text: { code: 'value-not-offered', params: { values } },
      };
    }
    case 'invalid_format': {
      const format = FORMAT_BY_MESSAGE.get(issue.message);
      return {
        rule: 'property-format',
        what: issue.message,
        text: format
          ? { code: 'format', params: { format } }
          : { code: 'format-other', params: { detail: issue.message } },
      };
    }
    case 'custom': {
      const [what, fix] = issue.message.split('; ', 2);
      const rule =
        (issue.params?.rule as SpecGraphRule | undefined) ?? 'property-invalid';
      // the registry's refinements say what they found in `params.text`
      const text = (issue.params?.text as PropertyProblemText | undefined) ?? {
        code: 'property-invalid',
        params: { detail: issue.message },
      };
      return { rule, what, fix, text };
    }
    default:
      return {
        rule: 'property-invalid',
        what: issue.message,
        text: { code: 'property-invalid', params: { detail: issue.message } },
      };
  }
}

/** `text` with the value found, when there is one. */
function withGot(
  text: PropertyProblemText,
  got: string | undefined,
): PropertyProblemText {
  if (got === undefined || text.code === 'property-required') return text;
  return { ...text, params: { ...text.params, got } } as PropertyProblemText;
}

/** A label with its indefinite article: "a VPC", "an Elastic IP". */
function aLabel(definition: ResourceTypeDefinition) {
  return `${/^[AEIOU]/.test(definition.label) ? 'an' : 'a'} ${
    definition.label
  }`;
}

function nodeLabel(node: { id: string; definition?: ResourceTypeDefinition }) {
  return node.definition
    ? `node '${node.id}' (${node.definition.label})`
    : `node '${node.id}'`;
}

/** Problems of a node's properties against its type's schema; the parsed properties when none. */
function checkProperties(
  node: AnalysedNode,
  definition: ResourceTypeDefinition,
  raw: Record<string, unknown>,
  problems: SpecGraphProblem[],
) {
  let input = raw;
  let extensions: Record<string, unknown> | undefined;
  for (const key in raw) {
    if (key.startsWith('x-')) {
      if (!extensions) {
        extensions = {};
        input = { ...raw };
      }
      extensions[key] = raw[key];
      delete input[key];
    }
  }
  const parsed = definition.propertySchema.safeParse(input);
  if (parsed.success) {
    node.properties = extensions
      ? { ...parsed.data, ...extensions }
      : parsed.data;
    return;
  }
  const who = nodeLabel(node);
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = formatPath([...issue.path, key]);
        problems.push({
          nodeId: node.id,
          property: path,
          rule: 'property-unknown',
          code: 'property-unknown',
          params: {},
          message: `${who}: property '${path}' is not a property of ${aLabel(
            definition,
          )}; remove it (tools keep their own data in x- properties)`,
        });
      }
      continue;
    }
    const value = valueAt(input, issue.path);
    const { rule, what, fix, text } = describeIssue(issue, value !== undefined);
    const path = formatPath(issue.path);
    const got = value === undefined ? undefined : formatValue(value);
    problems.push({
      nodeId: node.id,
      property: path,
      rule,
      ...withGot(text, got),
      message: `${who}: property '${path}' ${what}${
        got === undefined ? '' : ` (got ${got})`
      }${fix ? `; ${fix}` : ''}`,
    });
  }
}

/** The nodes of one cycle in the strongly connected component `component`, from its first node in graph order back to it. */
function cycleIn(
  component: ReadonlySet<string>,
  nodes: Map<string, AnalysedNode>,
): string[] {
  let start = '';
  for (const id of component) {
    if (!start || nodes.get(id)!.index < nodes.get(start)!.index) start = id;
  }
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    for (const next of nodes.get(id)!.dependsOn) {
      if (!component.has(next)) continue;
      if (next === start) {
        const path = [id];
        for (let at = id; at !== start; ) {
          at = previous.get(at)!;
          path.push(at);
        }
        return [...path.reverse(), start];
      }
      if (!previous.has(next)) {
        previous.set(next, id);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/** Strongly connected components of more than one node (Tarjan, iterative). */
function cyclicComponents(
  ids: readonly string[],
  nodes: Map<string, AnalysedNode>,
): Set<string>[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: Set<string>[] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const targets = nodes.get(frame.id)!.dependsOn;
      if (frame.next < targets.length) {
        const target = targets[frame.next++];
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!));
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const component = new Set<string>();
        let id: string;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          component.add(id);
        } while (id !== frame.id);
        if (component.size > 1) components.push(component);
      }
    }
  }
  return components;
}

/** Dependency order by Kahn's algorithm; undefined when some nodes are on a cycle. */
function dependencyOrder(
  nodes: Map<string, AnalysedNode>,
): string[] | undefined {
  const pending = new Map<string, number>();
  const ready: string[] = [];
  for (const node of nodes.values()) {
    pending.set(node.id, node.dependsOn.length);
    if (node.dependsOn.length === 0) ready.push(node.id);
  }
  for (let i = 0; i < ready.length; i++) {
    for (const dependant of nodes.get(ready[i])!.dependants) {
      const left = pending.get(dependant)! - 1;
      pending.set(dependant, left);
      if (left === 0) ready.push(dependant);
    }
  }
  return ready.length === nodes.size ? ready : undefined;
}

/** Problems of the image a node runs; `image` is its raw property, checked even when other properties are invalid. */
function checkImage(
  node: AnalysedNode,
  definition: ResourceTypeDefinition,
  image: unknown,
  context: SpecGraphValidationContext,
  imagesByName: Map<string, SpecGraphImage[]>,
  problems: SpecGraphProblem[],
) {
  const ref = image as { name?: unknown; version?: unknown } | undefined;
  if (
    typeof ref?.name !== 'string' ||
    typeof ref.version !== 'string' ||
    !definition.imageKind
  ) {
    return;
  }
  const who = nodeLabel(node);
  const report = (
    rule: SpecGraphRule,
    text: SpecGraphProblemText,
    message: string,
  ) =>
    problems.push({
      nodeId: node.id,
      property: 'image',
      rule,
      ...text,
      message: `${who}: ${message}`,
    });
  const name = ref.name;
  const versions = imagesByName.get(ref.name);
  if (!versions) {
    report(
      'image-missing',
      { code: 'image-missing', params: { image: name } },
      `image '${ref.name}' does not exist; upload it on the Images page or choose an uploaded image`,
    );
    return;
  }
  if (context.owner !== undefined && versions[0].owner !== context.owner) {
    report(
      'image-owner',
      { code: 'image-owner', params: { image: name } },
      `image '${ref.name}' belongs to another group; choose an image your group uploaded`,
    );
    return;
  }
  const wanted = definition.imageKind === 'docker' ? 'a Docker' : 'a VM';
  if (versions[0].kind !== definition.imageKind) {
    const actual = versions[0].kind === 'docker' ? 'a Docker' : 'a VM';
    report(
      'image-kind',
      {
        code: 'image-kind',
        params: {
          image: name,
          actual: versions[0].kind,
          wanted: definition.imageKind,
        },
      },
      `image '${ref.name}' is ${actual} image; ${aLabel(
        definition,
      )} runs ${wanted} image, choose one`,
    );
    return;
  }
  const version = versions.find(v => v.version === ref.version);
  if (!version) {
    const known = versions
      .filter(v => v.status === 'succeeded')
      .map(v => v.version);
    report(
      'image-version-missing',
      {
        code: 'image-version-missing',
        params: { image: name, version: ref.version, known },
      },
      `image '${ref.name}' has no version '${ref.version}'; choose ${
        known.length ? `one of ${known.join(', ')}` : 'another image'
      } or upload that version`,
    );
    return;
  }
  if (version.status === 'uploading') {
    report(
      'image-not-ready',
      {
        code: 'image-uploading',
        params: { image: name, version: ref.version },
      },
      `image '${ref.name}' version '${ref.version}' is still uploading; save again once its upload has succeeded`,
    );
  } else if (version.status === 'failed') {
    report(
      'image-not-ready',
      {
        code: 'image-upload-failed',
        params: { image: name, version: ref.version },
      },
      `the upload of image '${ref.name}' version '${ref.version}' failed; upload it again or choose another version`,
    );
  }
}

/**
 * Validates a graph and keeps what it learnt (parsed properties, adjacency,
 * dependency order) for the plan.
 */
export function analyseSpecGraph(
  input: unknown,
  context: SpecGraphValidationContext = {},
): SpecGraphAnalysis {
  const problems: SpecGraphProblem[] = [];
  const nodes = new Map<string, AnalysedNode>();
  const shape = graphShapeSchema.safeParse(input);
  if (!shape.success) {
    for (const issue of shape.error.issues) {
      const path = formatPath(issue.path);
      const node =
        issue.path[0] === 'nodes' && typeof issue.path[1] === 'number'
          ? valueAt(input, issue.path.slice(0, 2))
          : undefined;
      const nodeId = (node as { id?: unknown } | undefined)?.id;
      problems.push({
        ...(typeof nodeId === 'string' ? { nodeId } : {}),
        rule: 'schema',
        code: 'graph-malformed',
        params: { path: path || 'the graph', detail: issue.message },
        message: `the graph is malformed: ${path || 'the graph'}: ${
          issue.message
        }; send { nodes: [{ id, type, properties }], edges: [{ source, target }] }`,
      });
    }
    return { problems, nodes };
  }
  const graph: SpecGraph = shape.data;
  const limits = context.limits ?? SPEC_GRAPH_LIMITS;
  if (graph.nodes.length > limits.maxNodes) {
    problems.push({
      rule: 'graph-size',
      code: 'too-many-nodes',
      params: { count: graph.nodes.length, max: limits.maxNodes },
      message: `the graph has ${graph.nodes.length} nodes, more than the ${limits.maxNodes} a spec may have; split it into several specs`,
    });
  }
  if (graph.edges.length > limits.maxEdges) {
    problems.push({
      rule: 'graph-size',
      code: 'too-many-edges',
      params: { count: graph.edges.length, max: limits.maxEdges },
      message: `the graph has ${graph.edges.length} edges, more than the ${limits.maxEdges} a spec may have; split it into several specs`,
    });
  }

  graph.nodes.forEach((raw, index) => {
    if (nodes.has(raw.id)) {
      problems.push({
        nodeId: raw.id,
        rule: 'duplicate-id',
        code: 'duplicate-id',
        params: {},
        message: `node id '${raw.id}' is used by more than one node; give each node its own id`,
      });
      return;
    }
    const definition = getResourceType(raw.type);
    const node: AnalysedNode = {
      id: raw.id,
      index,
      type: raw.type,
      definition,
      dependsOn: [],
      dependants: [],
    };
    nodes.set(raw.id, node);
    if (!definition) {
      problems.push({
        nodeId: raw.id,
        rule: 'unknown-type',
        code: 'unknown-type',
        params: { type: raw.type },
        message: `node '${raw.id}' has the unknown type '${
          raw.type
        }'; use one of ${RESOURCE_TYPE_IDS.join(', ')}`,
      });
      return;
    }
    checkProperties(node, definition, raw.properties, problems);
  });

  for (const edge of graph.edges) {
    const { source, target } = edge;
    const from = nodes.get(source);
    const to = nodes.get(target);
    if (!from || !to) {
      problems.push({
        edge,
        rule: 'edge-unknown-node',
        code: 'edge-unknown-node',
        params: { missing: from ? target : source },
        message: `edge ${source} → ${target}: there is no node '${
          from ? target : source
        }'; remove the edge`,
      });
      continue;
    }
    if (source === target) {
      problems.push({
        nodeId: source,
        edge,
        rule: 'self-loop',
        code: 'self-loop',
        params: {},
        message: `edge ${source} → ${target}: a node cannot depend on itself; remove the edge`,
      });
      continue;
    }
    if (from.dependsOn.includes(target)) {
      problems.push({
        edge,
        rule: 'duplicate-edge',
        code: 'duplicate-edge',
        params: {},
        message: `edge ${source} → ${target} is there twice; remove one`,
      });
      continue;
    }
    from.dependsOn.push(target);
    to.dependants.push(source);
    const refusal = dependencyTypeRefusal(from.type, to.type);
    if (refusal && from.definition && to.definition) {
      const allowed = refusal.allowed.map(id => RESOURCE_TYPES[id].label);
      const reverse = refusal.reverse
        ? ` Edges point from a resource to what it needs: did you mean ${target} → ${source}?`
        : '';
      problems.push({
        nodeId: source,
        edge,
        rule: 'edge-not-allowed',
        code: 'edge-not-allowed',
        params: {
          sourceType: from.definition.id,
          targetType: to.definition.id,
          allowed: [...refusal.allowed],
          reverse: refusal.reverse,
        },
        message: `edge ${source} → ${target}: ${aLabel(
          from.definition,
        )} cannot depend on ${aLabel(to.definition)}; ${
          allowed.length
            ? `it may depend on: ${allowed.join(', ')}`
            : 'it depends on nothing'
        }. Remove the edge.${reverse}`,
      });
    }
  }

  for (const node of nodes.values()) {
    const definition = node.definition;
    if (!definition) continue;
    const who = nodeLabel(node);
    const targetTypes = new Set<string>();
    for (const id of node.dependsOn) targetTypes.add(nodes.get(id)!.type);
    for (const required of definition.requires) {
      if (!targetTypes.has(required)) {
        problems.push({
          nodeId: node.id,
          rule: 'missing-dependency',
          code: 'missing-dependency',
          params: { type: required },
          message: `${who} must depend on ${aLabel(
            RESOURCE_TYPES[required],
          )}; draw an edge from it to one`,
        });
      }
    }
    if (
      definition.requiresOneOf.length &&
      !definition.requiresOneOf.some(type => targetTypes.has(type))
    ) {
      problems.push({
        nodeId: node.id,
        rule: 'missing-dependency',
        code: 'missing-dependency-one-of',
        params: { types: [...definition.requiresOneOf] },
        message: `${who} must depend on one of: ${definition.requiresOneOf
          .map(type => RESOURCE_TYPES[type].label)
          .join(', ')}; draw an edge from it to one`,
      });
    }
    for (const single of definition.atMostOne) {
      if (!targetTypes.has(single)) continue;
      const targets = node.dependsOn.filter(
        id => nodes.get(id)!.type === single,
      );
      if (targets.length > 1) {
        problems.push({
          nodeId: node.id,
          rule: 'too-many-dependencies',
          code: 'too-many-dependencies',
          params: { type: single, targets },
          message: `${who} depends on ${targets.length} nodes of type ${
            RESOURCE_TYPES[single].label
          } (${targets.join(
            ', ',
          )}) but may depend on only one; remove the other edges`,
        });
      }
    }
  }

  const order = dependencyOrder(nodes);
  if (!order) {
    const cycles = cyclicComponents([...nodes.keys()], nodes)
      .map(component => cycleIn(component, nodes))
      .sort((a, b) => nodes.get(a[0])!.index - nodes.get(b[0])!.index);
    for (const cycle of cycles) {
      problems.push({
        nodeIds: cycle.slice(0, -1),
        rule: 'cycle',
        code: 'cycle',
        params: {},
        message: `nodes ${cycle.join(
          ' → ',
        )} depend on each other in a cycle; remove one of these edges`,
      });
    }
  }

  const namesByType = new Map<string, Map<string, string>>();
  for (const node of nodes.values()) {
    const name = graph.nodes[node.index].properties.name;
    if (!node.definition || typeof name !== 'string') continue;
    let names = namesByType.get(node.type);
    if (!names) namesByType.set(node.type, (names = new Map()));
    const first = names.get(name);
    if (first === undefined) {
      names.set(name, node.id);
    } else {
      problems.push({
        nodeId: node.id,
        property: 'name',
        rule: 'duplicate-name',
        code: 'duplicate-name',
        params: { name, first },
        message: `${nodeLabel(
          node,
        )}: name '${name}' is already used by node '${first}'; give each ${
          node.definition.label
        } its own name`,
      });
    }
  }

  if (context.images) {
    const imagesByName = new Map<string, SpecGraphImage[]>();
    for (const image of context.images) {
      const list = imagesByName.get(image.name);
      if (list) list.push(image);
      else imagesByName.set(image.name, [image]);
    }
    for (const node of nodes.values()) {
      if (node.definition?.imageKind) {
        checkImage(
          node,
          node.definition,
          graph.nodes[node.index].properties.image,
          context,
          imagesByName,
          problems,
        );
      }
    }
  }

  return { problems, nodes, order };
}

/**
 * Every problem of a dependency graph (SPEC-7): schema, ids, types,
 * properties, edges, required dependencies, cycles, names and, when
 * `context.images` is given, the images it deploys. Shared by the editor
 * (live) and `PUT /specs/{specId}/graph` (400 with the same problems).
 */
export function validateSpecGraph(
  graph: unknown,
  context: SpecGraphValidationContext = {},
): SpecGraphValidation {
  return { problems: analyseSpecGraph(graph, context).problems };
}
