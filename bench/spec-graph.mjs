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
import { randomGraph } from './lib/randomGraph.mjs';

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

function percentile(sorted, p) {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

const options = parseArgs(process.argv.slice(2));
const resources = loadResources();
const graph = randomGraph({
  types: resources.RESOURCE_TYPE_IDS.map(id => resources.RESOURCE_TYPES[id]),
  count: options.nodes,
  seed: options.seed,
  propertiesOf,
});
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
