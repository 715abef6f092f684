#!/usr/bin/env node
/*
 * Validation + plan of a random valid spec dependency graph
 * (plugins/iot-common/src/resources): median and p95 of
 * validateSpecGraph (with the image rules) followed by planSpecGraph.
 * See bench/README.md for the figures measured.
 *
 *   node bench/spec-graph.mjs [--nodes N] [--runs N] [--warmup N] [--seed N]
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'plugins/iot-common/package.json'));

function parseArgs(argv) {
  const options = { nodes: 1000, runs: 200, warmup: 50, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in options)) throw new Error(`unknown option ${argv[i]}`);
    options[key] = Number(argv[++i]);
  }
  return options;
}

/** Loads the TypeScript sources through Backstage's node transform. */
function loadResources() {
  require('@backstage/cli-node/config/nodeTransform.cjs');
  return require(join(ROOT, 'plugins/iot-common/src/resources/index.ts'));
}

/** mulberry32: a small seeded PRNG, so every run measures the same graph. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OWNER = 'group:default/acme';
const IMAGES = [
  {
    name: 'parking-server',
    version: '1.4.2',
    kind: 'docker',
    status: 'succeeded',
    owner: OWNER,
  },
  {
    name: 'parking-gateway',
    version: '2.0.0',
    kind: 'vm',
    status: 'succeeded',
    owner: OWNER,
  },
];

function propertiesOf(type, i) {
  switch (type) {
    case 'dns-record':
      return { name: `r${i}.parking.example.com`, zone: 'parking.example.com' };
    case 'container-workload':
      return {
        name: `workload-${i}`,
        image: { name: 'parking-server', version: '1.4.2' },
        replicas: 2,
        ports: [{ containerPort: 8080 }],
        env: [{ name: 'TZ', value: 'Asia/Shanghai' }],
      };
    case 'vm':
      return {
        name: `vm-${i}`,
        image: { name: 'parking-gateway', version: '2.0.0' },
      };
    default:
      return { name: `${type}-${i}` };
  }
}

/**
 * A random valid graph of `count` nodes: each new node gets a type whose
 * required dependencies already exist, one edge to a random node of each
 * required type, and up to two more edges to random nodes of allowed types
 * (at most one of each `atMostOne` type). Edges only point to earlier
 * nodes, so the graph is acyclic.
 */
function randomGraph({ RESOURCE_TYPES, RESOURCE_TYPE_IDS }, count, seed) {
  const rand = random(seed);
  const pick = list => list[Math.floor(rand() * list.length)];
  const byType = new Map(RESOURCE_TYPE_IDS.map(id => [id, []]));
  const nodes = [];
  const edges = [];
  for (let i = 0; i < count; i++) {
    const possible = RESOURCE_TYPE_IDS.filter(id => {
      const type = RESOURCE_TYPES[id];
      return (
        type.requires.every(r => byType.get(r).length) &&
        (!type.requiresOneOf.length ||
          type.requiresOneOf.some(r => byType.get(r).length))
      );
    });
    const type = RESOURCE_TYPES[i < 3 ? 'vpc' : pick(possible)];
    const id = `n${i}`;
    const targets = new Map();
    for (const required of type.requires)
      targets.set(pick(byType.get(required)), required);
    if (type.requiresOneOf.length) {
      const present = type.requiresOneOf.filter(r => byType.get(r).length);
      const chosen = pick(present);
      targets.set(pick(byType.get(chosen)), chosen);
    }
    for (let extra = 0; extra < 2; extra++) {
      const allowed = type.allows.filter(
        a =>
          byType.get(a).length &&
          !(type.atMostOne.includes(a) && [...targets.values()].includes(a)),
      );
      if (!allowed.length) break;
      const chosenType = pick(allowed);
      targets.set(pick(byType.get(chosenType)), chosenType);
    }
    nodes.push({ id, type: type.id, properties: propertiesOf(type.id, i) });
    for (const target of targets.keys()) edges.push({ source: id, target });
    byType.get(type.id).push(id);
  }
  return { nodes, edges };
}

function percentile(sorted, p) {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

const options = parseArgs(process.argv.slice(2));
const resources = loadResources();
const graph = randomGraph(resources, options.nodes, options.seed);
const context = {
  images: IMAGES,
  owner: OWNER,
  // A stored graph has at most 500 nodes; the benchmark measures twice that.
  limits: { maxNodes: options.nodes, maxEdges: graph.edges.length },
};

function validateAndPlan() {
  const start = process.hrtime.bigint();
  resources.validateSpecGraph(graph, context);
  const validated = process.hrtime.bigint();
  // Throws InvalidSpecGraphError, with the problems, for an invalid graph.
  const result = resources.planSpecGraph(graph, context);
  const end = process.hrtime.bigint();
  return {
    result,
    total: Number(end - start) / 1e6,
    validate: Number(validated - start) / 1e6,
    plan: Number(end - validated) / 1e6,
  };
}

let first;
try {
  first = validateAndPlan();
} catch (error) {
  throw new Error(`the generated graph is not valid: ${error.message}`);
}

const runs = { total: [], validate: [], plan: [] };
for (let run = 0; run < options.warmup + options.runs; run++) {
  const times = validateAndPlan();
  if (run >= options.warmup) {
    for (const key of Object.keys(runs)) runs[key].push(times[key]);
  }
}
const summary = key => {
  const sorted = runs[key].sort((a, b) => a - b);
  return `median ${percentile(sorted, 50).toFixed(2)} ms, p95 ${percentile(
    sorted,
    95,
  ).toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms`;
};

const plan = first.result;
console.log(
  `graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges, ${plan.levels.length} levels, critical path ${plan.criticalPath.nodeIds.length} nodes / ${plan.criticalPath.seconds} s`,
);
console.log(`first call (cold): ${first.total.toFixed(2)} ms`);
console.log(
  `${options.runs} runs after ${options.warmup} warm-up (Node ${process.versions.node}):`,
);
console.log(`  validate + plan  ${summary('total')}`);
console.log(`  validate         ${summary('validate')}`);
console.log(`  plan             ${summary('plan')} (validates again)`);
