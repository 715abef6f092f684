#!/usr/bin/env node
/*
 * Responsiveness of the spec dependency editor (plugins/iot, SpecEditor)
 * with a big graph, in Chromium: a random valid graph of 200 nodes is saved
 * to a new spec of Smart Parking (as alice), then the spec page is opened
 * and the bench measures
 *   - time to render: from navigation start, and from the graph's arrival,
 *     until every node is on the canvas and measured (visible);
 *   - the time per mouse move while a node is dragged across the canvas,
 *     against moves without a drag, and the main thread's share of it;
 *     first with the whole graph in view (as the page opens it, zoomed to
 *     fit), then zoomed in to 100 % around the node;
 *   - frame times during the drag, from requestAnimationFrame timestamps.
 * Not a test. See bench/README.md ("Dependency editor in Chromium").
 *
 *   node bench/editor.mjs [--nodes 200] [--runs 3] [--seed 1] [--moves 120]
 *   node bench/editor.mjs --app-url http://localhost:3000 --backend-url http://localhost:7007
 *   node bench/editor.mjs --profile /tmp/drag.cpuprofile   # CPU profile of the drag (DevTools)
 *   node bench/editor.mjs --trace /tmp/drag.trace.json      # performance trace of the drag (DevTools, Perfetto)
 *
 * Without --app-url it starts a portal the way the browser tests do
 * (e2e/harness.ts: frontend build, backend on :7107 with a fresh SQLite
 * directory); only one such portal fits on the port at a time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomGraph } from './lib/randomGraph.mjs';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const options = {
    nodes: 200,
    runs: 3,
    seed: 1,
    moves: 120,
    appUrl: undefined,
    backendUrl: undefined,
    profile: undefined,
    trace: undefined,
  };
  const names = { 'app-url': 'appUrl', 'backend-url': 'backendUrl' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i].replace(/^--/, '');
    const key = names[flag] ?? flag;
    if (!(key in options)) throw new Error(`unknown option ${argv[i]}`);
    const value = argv[++i];
    options[key] = typeof options[key] === 'number' ? Number(value) : value;
  }
  options.backendUrl ??= options.appUrl;
  return options;
}

function propertiesOf(type, i) {
  switch (type) {
    case 'dns-record':
      return { name: `r${i}.parking.example.com`, zone: 'parking.example.com' };
    case 'container-workload':
      return {
        name: `workload-${i}`,
        // the demo image of alice's group (seedDemoImages)
        image: { name: 'parking-server', version: '1.4.2' },
        replicas: 2,
        ports: [{ containerPort: 8080, protocol: 'TCP' }],
      };
    default:
      return { name: `${type}-${i}` };
  }
}

const stats = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = p => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { median: at(50), p95: at(95), max: sorted[sorted.length - 1], count: sorted.length };
};
const ms = n => `${n.toFixed(1)} ms`;

async function personaToken(backendUrl, user) {
  const res = await fetch(`${backendUrl}/api/auth/persona/refresh?user=${user}`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`sign-in as ${user}: ${res.status} ${await res.text()}`);
  return (await res.json()).backstageIdentity.token;
}

async function call(backendUrl, token, route, init = {}) {
  const res = await fetch(`${backendUrl}/api/iot${route}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${route}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

/** Opens the spec page and waits until every node is measured; times from navigation start and from the graph's arrival. */
async function measureRender(page, appUrl, specId, count) {
  await page.goto(`${appUrl}/iot/specs/${specId}`);
  const timing = await page.waitForFunction(
    expected => {
      const nodes = document.querySelectorAll('.react-flow__node');
      if (nodes.length < expected) return false;
      for (const node of nodes) {
        if (getComputedStyle(node).visibility === 'hidden') return false;
      }
      const graph = performance
        .getEntriesByType('resource')
        .find(entry => /\/api\/iot\/specs\/[^/]+\/graph$/.test(entry.name));
      const now = performance.now();
      return { fromNavigation: now, fromGraph: graph ? now - graph.responseEnd : NaN };
    },
    count,
    { polling: 'raf', timeout: 120_000 },
  );
  return timing.jsonValue();
}

/** Records rAF intervals in the page for `run()`'s duration. */
async function frameTimes(page, run) {
  await page.evaluate(() => {
    window.__frames = [];
    window.__recording = true;
    const tick = time => {
      window.__frames.push(time);
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await run();
  const stamps = await page.evaluate(() => {
    window.__recording = false;
    return window.__frames;
  });
  return stamps.slice(1).map((t, i) => t - stamps[i]);
}

/** The figure-of-eight the mouse follows over the canvas, one point per mousemove. */
function path8(pane, moves) {
  return Array.from({ length: moves }, (_, i) => {
    const a = ((i + 1) / moves) * 2 * Math.PI;
    return {
      x: pane.x + pane.width / 2 + (pane.width / 3) * Math.sin(a),
      y: pane.y + pane.height / 2 + (pane.height / 4) * Math.sin(2 * a),
    };
  });
}

/** Moves the mouse along `points`, timing each move until the page has handled it. */
async function moveAlong(page, points) {
  const times = [];
  for (const { x, y } of points) {
    const start = performance.now();
    await page.mouse.move(x, y);
    times.push(performance.now() - start);
  }
  return times;
}

/** Starts a Chromium performance trace; the returned function stops it and gives its events. */
async function startTrace(page) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink',
        'cc',
        'gpu',
        'viz',
        'v8.execute',
      ],
    },
  });
  return async () => {
    const done = new Promise(resolve => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

/**
 * Self time of the renderer main thread's trace events by name (nested
 * events subtracted), per move: where the "other" main-thread time goes.
 */
function traceSummary(events, moves) {
  const threadNames = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || typeof e.dur !== 'number') continue;
    const thread = `${e.pid}:${e.tid}`;
    if (threadNames.get(thread) !== 'CrRendererMain') continue;
    if (!byThread.has(thread)) byThread.set(thread, []);
    byThread.get(thread).push(e);
  }
  const self = new Map();
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const stack = [];
    for (const e of list) {
      while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur);
      self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
      stack.push(e);
    }
  }
  return [...self]
    .map(([name, us]) => [name, us / 1000 / moves])
    .filter(([, perMove]) => perMove >= 0.2)
    .sort((a, b) => b[1] - a[1]);
}

async function measureDrag(page, nodeId, moves, profile, trace) {
  const node = page.locator(`.react-flow__node[data-id="${nodeId}"]`);
  const box = await node.boundingBox();
  const pane = await page.locator('.react-flow').boundingBox();
  const start = { x: box.x + box.width / 2, y: box.y + Math.min(10, box.height / 2) };
  const points = path8(pane, moves);
  const idle = await frameTimes(page, () => page.waitForTimeout(1000));
  // the same path without a button pressed: what a move costs without a drag
  let hover;
  await frameTimes(page, async () => {
    hover = await moveAlong(page, points);
  });
  const before = await node.getAttribute('style');
  const metrics = await page.context().newCDPSession(page);
  await metrics.send('Performance.enable');
  const read = async () =>
    Object.fromEntries((await metrics.send('Performance.getMetrics')).metrics.map(m => [m.name, m.value]));
  const cdp = profile && (await page.context().newCDPSession(page));
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const stopTrace = trace && (await startTrace(page));
  let drag;
  let main;
  const frames = await frameTimes(page, async () => {
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    const first = await read();
    drag = await moveAlong(page, points);
    const last = await read();
    await page.mouse.up();
    // main-thread time per move: script, style, layout and everything else (paint, GC, …)
    const per = key => ((last[key] - first[key]) * 1000) / points.length;
    main = {
      script: per('ScriptDuration'),
      style: per('RecalcStyleDuration'),
      layout: per('LayoutDuration'),
      task: per('TaskDuration'),
    };
  });
  if (cdp) {
    const { profile: cpuProfile } = await cdp.send('Profiler.stop');
    fs.writeFileSync(profile, JSON.stringify(cpuProfile));
    console.log(`CPU profile of the drag: ${profile}`);
  }
  if (stopTrace) {
    const events = await stopTrace();
    fs.writeFileSync(trace, JSON.stringify({ traceEvents: events }));
    console.log(`performance trace of the drag: ${trace}; renderer main thread self time per move:`);
    for (const [name, perMove] of traceSummary(events, points.length).slice(0, 20)) {
      console.log(`  ${ms(perMove).padStart(9)}  ${name}`);
    }
  }
  const after = await node.getAttribute('style');
  if (before === after) throw new Error(`node ${nodeId} did not move: the drag missed it`);
  return { idle, frames, hover, drag, main };
}

/** The canvas's zoom, from the transform of @xyflow's viewport. */
async function zoomOf(page) {
  const transform = await page.locator('.react-flow__viewport').evaluate(el => el.style.transform);
  return Number(/scale\(([\d.]+)\)/.exec(transform)[1]);
}

/** Zooms in with the mouse wheel over a node until the canvas's zoom reaches `target`. */
async function zoomInOn(page, nodeId, target) {
  const box = await page.locator(`.react-flow__node[data-id="${nodeId}"]`).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  let zoom = await zoomOf(page);
  for (let step = 0; zoom < target && step < 100; step++) {
    await page.mouse.wheel(0, -50);
    await page.waitForTimeout(50);
    zoom = await zoomOf(page);
  }
  // let @xyflow's zoom transition and the nodes' re-render settle
  await page.waitForTimeout(500);
  return zoomOf(page);
}

function report(label, nodeId, drag) {
  const idle = stats(drag.idle);
  const frames = stats(drag.frames);
  const hover = stats(drag.hover);
  const moved = stats(drag.drag);
  const long = drag.frames.filter(t => t > 50).length;
  console.log(`${label}: idle frames: median ${ms(idle.median)}, p95 ${ms(idle.p95)} (${idle.count} frames)`);
  console.log(`${label}: mouse move without drag (${hover.count} moves): median ${ms(hover.median)}, p95 ${ms(hover.p95)}`);
  console.log(`${label}: dragging node ${nodeId} (${moved.count} moves): per move median ${ms(moved.median)}, p95 ${ms(moved.p95)}, max ${ms(moved.max)}; frames median ${ms(frames.median)}, p95 ${ms(frames.p95)}, max ${ms(frames.max)}, ${long} of ${frames.count} over 50 ms`);
  const { script, style, layout, task } = drag.main;
  console.log(`${label}: main thread per move while dragging: ${ms(task)} busy = script ${ms(script)} + style ${ms(style)} + layout ${ms(layout)} + other ${ms(task - script - style - layout)}`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  let portal;
  let browser;
  if (!options.appUrl) {
    const harness = await import(path.join(ROOT, 'e2e/harness.ts'));
    console.log('starting a portal on :7107 (frontend build + backend)…');
    portal = await harness.startPortal();
    browser = portal.browser;
    options.appUrl = options.backendUrl = harness.BASE_URL;
  } else {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }
  const { backendUrl, appUrl } = options;
  let specId;
  const token = await personaToken(backendUrl, 'alice');
  try {
    const { items: types } = await call(backendUrl, token, '/resource-types');
    // no VMs: alice's group has no VM image
    const graph = randomGraph({
      types: types.filter(type => type.id !== 'vm'),
      count: options.nodes,
      seed: options.seed,
      propertiesOf,
      layout: true,
    });
    const spec = await call(backendUrl, token, '/apps/smart-parking/specs', {
      method: 'POST',
      body: JSON.stringify({
        type: 'custom',
        deployLocation: 'public-cloud',
        name: `Editor bench ${options.nodes} ${Date.now()}`,
        description: `A random valid graph of ${options.nodes} nodes (bench/editor.mjs).`,
        allowTrial: false,
      }),
    });
    specId = spec.id;
    await call(backendUrl, token, `/specs/${specId}/graph`, { method: 'PUT', body: JSON.stringify(graph) });
    const levels = new Set(graph.nodes.map(n => n.position.x)).size;
    console.log(`graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges, ${levels} levels (seed ${options.seed}); spec ${specId}`);

    const context = await browser.newContext({ viewport: { width: 1600, height: 1100 } });
    const page = await context.newPage();
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Sign in as alice' }).click();
    await page.getByText(/Welcome|IoT Stage/).first().waitFor();

    const renders = [];
    for (let run = 0; run < options.runs; run++) {
      const timing = await measureRender(page, appUrl, specId, graph.nodes.length);
      renders.push(timing);
      console.log(`render ${run + 1}: all ${graph.nodes.length} nodes on the canvas ${ms(timing.fromNavigation)} after navigation start, ${ms(timing.fromGraph)} after the graph arrived`);
    }
    // the deepest node of the middle level: dragging it moves it and all its edges
    const middle = graph.nodes[Math.floor(graph.nodes.length / 2)].id;
    // first the whole graph as the page opens it (zoomed to fit), then zoomed in to 100 %
    const fit = await zoomOf(page);
    const dragFit = await measureDrag(page, middle, options.moves, options.profile, options.trace);
    report(`zoom ${fit.toFixed(2)} (fit)`, middle, dragFit);
    const zoom = await zoomInOn(page, middle, 1);
    const dragNear = await measureDrag(page, middle, options.moves);
    report(`zoom ${zoom.toFixed(2)}`, middle, dragNear);
    const fromNav = stats(renders.map(r => r.fromNavigation));
    const fromGraph = stats(renders.map(r => r.fromGraph));
    const line = drag => {
      const moved = stats(drag.drag);
      return `median ${ms(moved.median)} / p95 ${ms(moved.p95)} (hover ${ms(stats(drag.hover).median)})`;
    };
    console.log(`summary: render median ${ms(fromNav.median)} from navigation / ${ms(fromGraph.median)} from graph; drag move at zoom ${fit.toFixed(2)} ${line(dragFit)}, at zoom ${zoom.toFixed(2)} ${line(dragNear)}`);
    const screenshot = path.join(fs.mkdtempSync('/tmp/iot-editor-bench-'), 'editor.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`screenshot after the drag: ${screenshot}`);
    await context.close();
  } finally {
    if (specId) await call(backendUrl, token, `/specs/${specId}`, { method: 'DELETE' }).catch(() => {});
    if (portal) await portal.stop();
    else await browser.close();
  }
}

await main();
