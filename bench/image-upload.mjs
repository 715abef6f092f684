#!/usr/bin/env node
/*
 * End-to-end upload benchmark: a real backend (this repository's
 * packages/backend with every plugin, SQLite, local image store), a persona
 * token, and multipart uploads of a ~2 GiB docker save .tar.gz over loopback.
 * See bench/README.md ("Upload over HTTP").
 *
 *   node bench/image-upload.mjs [file.tar.gz] [--scenarios 1,4] [--repeat N] [--no-settle]
 *
 * Each scenario (1 upload, 4 at once) runs on a fresh backend. The RSS
 * growth is measured from that backend's idle baseline: after start-up the
 * bench waits until the backend's RSS has settled (V8's first idle full GC
 * drops it from ~520 to ~350 MiB some 30 s after start), unless --no-settle,
 * which uploads as soon as a token can be had. The backend runs the way
 * `yarn start` runs it (the same node flags and TypeScript transform) but
 * without the dev server's file watcher, so edits elsewhere in the
 * repository cannot restart it mid-measurement; the bench also checks that
 * the listening process did not change.
 *
 * Without a file it uses (and if needed first generates, via image-ingest.mjs)
 * /tmp/iot-image-ingest-bench/docker_bench-skewed-1990_1.0.0.tar.gz.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BACKEND = path.join(ROOT, 'packages/backend');
const PORT = 7207;
const BASE = `http://localhost:${PORT}`;
const MiB = 1024 * 1024;
const CLK_TCK = 100;

function parseArgs(argv) {
  const options = { file: undefined, scenarios: [1, 4], repeat: 1, settle: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--scenarios') options.scenarios = argv[++i].split(',').map(Number);
    else if (arg === '--repeat') options.repeat = Number(argv[++i]);
    else if (arg === '--no-settle') options.settle = false;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else options.file = arg;
  }
  return options;
}

function benchFile(given) {
  if (given) return given;
  const file = '/tmp/iot-image-ingest-bench/docker_bench-skewed-1990_1.0.0.tar.gz';
  if (!fs.existsSync(file)) {
    console.log('generating the benchmark archive (once) with bench/image-ingest.mjs …');
    spawnSync(process.execPath, [path.join(ROOT, 'bench/image-ingest.mjs'), '--mode', 'sha256'], { stdio: 'inherit' });
  }
  return file;
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

function listenerPid() {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${PORT}`], { encoding: 'utf8' });
  const m = out.match(/pid=(\d+)/);
  return m ? Number(m[1]) : undefined;
}

/** VmRSS in MiB, undefined once the process is gone. */
function rssMiB(pid) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Busy and total jiffies of the whole machine. */
function machineJiffies() {
  const [, ...values] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const v = values.map(Number);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - v[3] - v[4], total };
}

async function token() {
  const res = await fetch(`${BASE}/api/auth/persona/refresh?user=alice`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`sign-in: ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

/** Streams one multipart upload of `file` named `fileName`; resolves with status, body and seconds. */
function upload(file, fileName, bearer) {
  const boundary = `----iotbench${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: application/gzip\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = fs.statSync(file).size;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.request(`${BASE}/api/iot/images`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${bearer}`,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': head.length + size + tail.length,
      },
    });
    req.on('response', res => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', d => (body += d));
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          body,
          seconds: Number(process.hrtime.bigint() - started) / 1e9,
          bytes: size,
        }),
      );
    });
    req.on('error', reject);
    req.write(head);
    const stream = fs.createReadStream(file, { highWaterMark: MiB });
    stream.on('error', reject);
    stream.on('end', () => req.end(tail));
    stream.pipe(req, { end: false });
  });
}

/**
 * Starts the backend as `yarn start` does (backstage-cli's runBackend: the
 * same node flags and TypeScript transform) minus the file watcher.
 */
function startBackend(dataDir) {
  const requireFromBackend = createRequire(path.join(BACKEND, 'package.json'));
  const transform = requireFromBackend.resolve('@backstage/cli-node/config/nodeTransform.cjs');
  return spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      transform,
      'src/index',
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../bench/app-config.bench.yaml',
    ],
    {
      cwd: BACKEND,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'),
        BENCH_DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    },
  );
}

async function waitForBackend(backend, stderr) {
  for (let i = 0; ; i++) {
    if (backend.exitCode !== null) throw new Error(`backend exited (${backend.exitCode}):\n${stderr.join('').slice(-2000)}`);
    if (i > 360) throw new Error('backend did not start within 3 minutes');
    try {
      if ((await fetch(`${BASE}/api/iot/health`)).ok) break;
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  for (let i = 0; ; i++) {
    try {
      return await token();
    } catch (e) {
      if (i > 120) throw e;
      await sleep(500);
    }
  }
}

/** Waits until the RSS has moved less than 3 MiB for 10 s (at least 20 s, at most 120 s). */
async function settle(pid) {
  const started = Date.now();
  const window = [];
  for (;;) {
    window.push(rssMiB(pid));
    if (window.length > 20) window.shift();
    const elapsed = (Date.now() - started) / 1000;
    if (elapsed >= 120) return elapsed;
    if (elapsed >= 20 && window.length === 20 && Math.max(...window) - Math.min(...window) < 3) return elapsed;
    await sleep(500);
  }
}

async function scenario(file, count, options) {
  const need = fs.statSync(file).size * count + 512 * MiB;
  const free = fs.statfsSync(os.tmpdir());
  if (free.bavail * free.bsize < need) {
    throw new Error(`${os.tmpdir()} has ${(free.bavail * free.bsize / MiB).toFixed(0)} MiB free, ${(need / MiB).toFixed(0)} needed`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-upload-bench-'));
  const backend = startBackend(dataDir);
  const stderr = [];
  backend.stderr.on('data', d => {
    stderr.push(String(d));
    if (stderr.length > 200) stderr.shift();
  });
  try {
    const bearer = await waitForBackend(backend, stderr);
    const pid = listenerPid();
    const settledAfter = options.settle ? await settle(pid) : 0;
    const baseline = rssMiB(pid);
    let peak = baseline;
    let gone = false;
    const sampler = setInterval(() => {
      const rss = rssMiB(pid);
      if (rss === undefined) gone = true;
      else peak = Math.max(peak, rss);
    }, 50);
    const cpu0 = cpuSeconds(pid);
    const self0 = process.cpuUsage();
    const machine0 = machineJiffies();
    const started = process.hrtime.bigint();
    let results;
    try {
      results = await Promise.all(
        Array.from({ length: count }, (_, i) => upload(file, `docker_bench-x${count}-${i + 1}_1.0.0.tar.gz`, bearer)),
      );
    } finally {
      clearInterval(sampler);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (gone || listenerPid() !== pid) throw new Error('the backend restarted or exited during the measurement');
    const backendCpu = cpuSeconds(pid) - cpu0;
    const self = process.cpuUsage(self0);
    const selfCpu = (self.user + self.system) / 1e6;
    const machine1 = machineJiffies();
    const cores = os.availableParallelism();
    const machineBusy = ((machine1.busy - machine0.busy) / (machine1.total - machine0.total)) * cores * seconds;
    for (const r of results) {
      if (r.status !== 201) throw new Error(`upload answered ${r.status}: ${r.body}`);
    }
    const bytes = results.reduce((n, r) => n + r.bytes, 0);
    return {
      count,
      perUpload: results.map(r => r.bytes / MiB / r.seconds),
      aggregate: bytes / MiB / seconds,
      seconds,
      settledAfter,
      baseline,
      peak,
      backendCpu,
      // CPU seconds of everything else: the kernel's share of the I/O, and other work on the machine
      otherCpu: machineBusy - backendCpu - selfCpu,
      cores,
    };
  } finally {
    try {
      process.kill(-backend.pid, 'SIGTERM');
    } catch {
      // gone
    }
    for (let i = 0; i < 40 && backend.exitCode === null; i++) await sleep(250);
    if (backend.exitCode === null) {
      try {
        process.kill(-backend.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const file = benchFile(options.file);
  if (listenerPid()) throw new Error(`port ${PORT} is in use; stop whatever listens there first`);
  console.log(`file ${file} (${(fs.statSync(file).size / MiB).toFixed(0)} MiB), node ${process.version}, ${os.availableParallelism()} cores`);
  for (let run = 1; run <= options.repeat; run++) {
    for (const count of options.scenarios) {
      const r = await scenario(file, count, options);
      const label = count === 1 ? '1 upload' : `${count} uploads at once`;
      console.log(
        `${label}: ${r.aggregate.toFixed(0)} MiB/s${count > 1 ? ` aggregate (${r.perUpload.map(v => v.toFixed(0)).join(', ')} each)` : ''} in ${r.seconds.toFixed(1)} s; ` +
          `backend RSS ${r.baseline.toFixed(0)} → peak ${r.peak.toFixed(0)} MiB, growth ${(r.peak - r.baseline).toFixed(0)} MiB ` +
          `from ${options.settle ? `the idle baseline (settled ${r.settledAfter.toFixed(0)} s after start)` : 'right after start'}; ` +
          `CPU: backend ${r.backendCpu.toFixed(1)} s, everything else ${r.otherCpu.toFixed(1)} s, of ${(r.cores * r.seconds).toFixed(0)} s`,
      );
    }
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
