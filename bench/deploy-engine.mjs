#!/usr/bin/env node
/*
 * The deployment engine (plugins/iot-backend/src/instances) installing a
 * random valid graph on the sandbox provider, every create taking a fixed
 * time: total install time against the bound max(critical path, total
 * work / parallelism), and the engine's overhead per resource. Issue 6
 * asks for ≤ 1.1× the bound and ≤ 50 ms per resource at 200 nodes, 100 ms
 * per resource, parallelism 10. See bench/README.md for the figures.
 *
 *   node bench/deploy-engine.mjs [--nodes 200] [--latency-ms 100]
 *     [--parallelism 10] [--runs 3] [--seed 1] [--pg postgresql://...]
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomGraph } from './lib/randomGraph.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'plugins/iot-backend/package.json'));

function parseArgs(argv) {
  const options = {
    nodes: 200,
    'latency-ms': 100,
    parallelism: 10,
    runs: 3,
    seed: 1,
    pg: '',
  };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in options)) throw new Error(`unknown option ${argv[i]}`);
    options[key] = key === 'pg' ? argv[++i] : Number(argv[++i]);
  }
  return options;
}

function propertiesOf(type, i) {
  switch (type) {
    case 'dns-record':
      return { name: `r${i}.parking.example.com`, zone: 'parking.example.com' };
    case 'container-workload':
      return {
        name: `workload-${i}`,
        image: { name: 'parking-server', version: '1.4.2' },
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

/** Longest chain of the graph, counted in resources. */
function longestChain(plan) {
  const depth = new Map();
  for (const resource of plan.resources) {
    depth.set(
      resource.nodeId,
      1 + Math.max(0, ...resource.dependsOn.map(d => depth.get(d))),
    );
  }
  return Math.max(...depth.values());
}

/**
 * The install time of the engine's schedule with no overhead at all: the
 * same list scheduling (a resource starts once its dependencies are done,
 * longest nominal chain first, at most `parallelism` at once) simulated
 * with every create taking exactly `latency`. What the dependencies alone
 * cost over the bound.
 */
function idealSchedule(plan, RESOURCE_TYPES, parallelism, latency) {
  const rank = new Map();
  for (const resource of [...plan.resources].reverse()) {
    rank.set(
      resource.nodeId,
      RESOURCE_TYPES[resource.type].createSeconds +
        Math.max(0, ...resource.dependants.map(d => rank.get(d))),
    );
  }
  const order = new Map(plan.resources.map((r, i) => [r.nodeId, i]));
  const todo = [...plan.resources].sort(
    (a, b) =>
      rank.get(b.nodeId) - rank.get(a.nodeId) ||
      order.get(a.nodeId) - order.get(b.nodeId),
  );
  const done = new Set();
  let running = []; // [finish time, nodeId]
  let now = 0;
  while (todo.length || running.length) {
    for (let i = 0; i < todo.length && running.length < parallelism; ) {
      if (todo[i].dependsOn.every(d => done.has(d))) {
        running.push([now + latency, todo[i].nodeId]);
        todo.splice(i, 1);
      } else {
        i++;
      }
    }
    running.sort((a, b) => a[0] - b[0]);
    const [finish] = running[0];
    now = finish;
    for (const [end, nodeId] of running) if (end === finish) done.add(nodeId);
    running = running.filter(([end]) => end !== finish);
  }
  return now;
}

const silent = {
  info() {},
  debug() {},
  warn: message => console.warn(`warn: ${message}`),
  error: message => console.error(`error: ${message}`),
  child() {
    return silent;
  },
};

async function main() {
  const options = parseArgs(process.argv.slice(2));
  require('@backstage/cli-node/config/nodeTransform.cjs');
  const common = require(join(
    ROOT,
    'plugins/iot-common/src/resources/index.ts',
  ));
  const src = file => require(join(ROOT, 'plugins/iot-backend/src', file));
  const { InstancesStore } = src('instances/InstancesStore.ts');
  const { InstancesService } = src('instances/InstancesService.ts');
  const { DeploymentEngine } = src('instances/DeploymentEngine.ts');
  const { DEFAULT_ENGINE_OPTIONS } = src('instances/engineOptions.ts');
  const { SandboxProvider } = src('instances/sandbox/SandboxProvider.ts');
  const { SandboxStore } = src('instances/sandbox/SandboxStore.ts');
  const { SecretBox } = src('instances/SecretBox.ts');
  const { AuditStore } = src('audit/AuditStore.ts');
  const knexFactory = require('knex');

  if (options.pg) {
    // a fresh schema for this run
    const admin = knexFactory({ client: 'pg', connection: options.pg });
    await admin.raw('drop schema if exists iot_bench cascade');
    await admin.raw('create schema iot_bench');
    await admin.destroy();
  }
  const knex = options.pg
    ? knexFactory({
        client: 'pg',
        connection: options.pg,
        searchPath: ['iot_bench'],
      })
    : knexFactory({
        client: 'better-sqlite3',
        connection: { filename: ':memory:' },
        useNullAsDefault: true,
      });
  const database = { getClient: async () => knex };

  const graph = randomGraph({
    types: common.RESOURCE_TYPE_IDS.map(id => common.RESOURCE_TYPES[id]),
    count: options.nodes,
    seed: options.seed,
    propertiesOf,
  });
  const limits = { maxNodes: options.nodes, maxEdges: graph.edges.length };
  const plan = common.planSpecGraph(graph, { limits });
  const chain = longestChain(plan);
  const latency = options['latency-ms'];
  const boundMs = Math.max(
    chain * latency,
    (options.nodes * latency) / options.parallelism,
  );

  const idealMs = idealSchedule(
    plan,
    common.RESOURCE_TYPES,
    options.parallelism,
    latency,
  );

  const store = await InstancesStore.create({ database });
  const sandbox = new SandboxProvider(await SandboxStore.create({ database }), {
    latencyFactor: 0,
    latencyMs: latency,
    quotas: {},
    faults: [],
  });
  const secrets = new SecretBox('a benchmark key, long enough');
  const engine = new DeploymentEngine({
    store,
    provider: sandbox,
    secrets,
    options: { ...DEFAULT_ENGINE_OPTIONS, parallelism: options.parallelism },
    logger: silent,
  });
  const service = new InstancesService({
    store,
    engine,
    specs: {
      getSpecWithGraph: async id => ({
        spec: { id, name: id, owner: 'group:default/isv-bench' },
        graph,
      }),
      recordDeploymentTest: async () => {},
    },
    graphs: {
      problemsOf: async g => common.validateSpecGraph(g, { limits }).problems,
    },
    secrets,
    audit: await AuditStore.create({ database }),
    providerId: sandbox.id,
  });
  let settled;
  engine.onInstallSettled(async instance => settled?.(instance));

  console.log(
    `graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges, ${plan.levels.length} levels, longest chain ${chain} resources`,
  );
  console.log(
    `sandbox: ${latency} ms per create; parallelism ${
      options.parallelism
    }; database ${options.pg ? 'PostgreSQL' : 'SQLite (in memory)'}; Node ${
      process.versions.node
    }`,
  );
  console.log(
    `bound: max(critical path ${chain} × ${latency} ms = ${
      chain * latency
    } ms, work ${options.nodes} × ${latency} ms / ${options.parallelism} = ${
      (options.nodes * latency) / options.parallelism
    } ms) = ${boundMs} ms; the same schedule without any overhead: ${idealMs} ms`,
  );

  for (let run = 1; run <= options.runs; run++) {
    const done = new Promise(resolve => {
      settled = resolve;
    });
    const started = performance.now();
    const { id } = await service.startDeploymentTest(
      `bench-${run}`,
      'user:default/bench',
    );
    const instance = await done;
    const totalMs = performance.now() - started;
    if (instance.status !== 'running') {
      throw new Error(
        `run ${run}: the install ended ${instance.status}: ${instance.error?.message}`,
      );
    }
    const resources = await store.listResources(id);
    // time each create took around the provider's fixed latency: the
    // engine's writes and log lines before and after it
    const around =
      resources.reduce(
        (sum, r) =>
          sum + (Date.parse(r.finishedAt) - Date.parse(r.startedAt) - latency),
        0,
      ) / resources.length;
    // over the schedule without overhead, per resource of one slot
    const overheadPerResource =
      (totalMs - idealMs) / (options.nodes / options.parallelism);
    console.log(
      `run ${run}: ${totalMs.toFixed(0)} ms = ${(totalMs / boundMs).toFixed(
        3,
      )} × bound; engine overhead ${overheadPerResource.toFixed(
        1,
      )} ms per resource (wall clock over the ideal schedule), ${around.toFixed(
        1,
      )} ms around each create`,
    );
    const uninstallStarted = performance.now();
    await service.uninstall(id, 'user:default/bench');
    for (;;) {
      const current = await store.getInstance(id);
      if (current.status === 'deleted' && current.leaseOwner === null) break;
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    const live = await sandbox.list({ live: true });
    console.log(
      `        uninstall ${(performance.now() - uninstallStarted).toFixed(
        0,
      )} ms, ${live.length} sandbox resources left`,
    );
  }
  await engine.stop();
  if (options.pg) await knex.raw('drop schema if exists iot_bench cascade');
  await knex.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
