#!/usr/bin/env node
/*
 * End-to-end upload benchmark: a real backend (iot plugin, SQLite, local image
 * store), a persona token, and multipart uploads of a ~2 GiB docker save
 * .tar.gz over loopback. Prints MiB/s per upload and the backend's RSS growth
 * (VmRSS of the process listening on the port) for 1 upload and for 4 at once.
 *
 *   node bench/image-upload.mjs [file.tar.gz]
 *
 * Without a file it uses (and if needed first generates, via image-ingest.mjs)
 * /tmp/iot-image-ingest-bench/docker_bench-skewed-1990_1.0.0.tar.gz.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = 7207;
const BASE = `http://localhost:${PORT}`;
const MiB = 1024 * 1024;
const YARN = path.join(ROOT, '.yarn/releases', fs.readdirSync(path.join(ROOT, '.yarn/releases'))[0]);

function benchFile() {
  const given = process.argv[2];
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
  if (!m) throw new Error(`no process listens on ${PORT}`);
  return Number(m[1]);
}

function rssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+) kB/)[1]) / 1024;
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

async function measure(label, pid, runs) {
  const baseline = rssMiB(pid);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 50);
  const started = process.hrtime.bigint();
  const results = await Promise.all(runs());
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  const bytes = results.reduce((n, r) => n + r.bytes, 0);
  for (const r of results) {
    if (r.status !== 201) throw new Error(`upload answered ${r.status}: ${r.body}`);
    console.log(`  ${(r.bytes / MiB).toFixed(0)} MiB in ${r.seconds.toFixed(1)} s = ${(r.bytes / MiB / r.seconds).toFixed(0)} MiB/s`);
  }
  console.log(
    `${label}: ${(bytes / MiB / seconds).toFixed(0)} MiB/s aggregate; backend RSS ${baseline.toFixed(0)} → peak ${peak.toFixed(0)} MiB (growth ${(peak - baseline).toFixed(0)} MiB)`,
  );
}

async function main() {
  const file = benchFile();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iot-upload-bench-'));
  const backend = spawn(
    process.execPath,
    [YARN, 'workspace', 'backend', 'start', '--config', '../../app-config.yaml', '--config', '../../bench/app-config.bench.yaml'],
    { cwd: ROOT, env: { ...process.env, BENCH_DATA_DIR: dataDir }, stdio: 'ignore', detached: true },
  );
  try {
    for (let i = 0; ; i++) {
      if (i > 360) throw new Error('backend did not start');
      try {
        if ((await fetch(`${BASE}/api/iot/health`)).ok) break;
      } catch {
        // not up yet
      }
      await sleep(500);
    }
    let bearer;
    for (let i = 0; !bearer; i++) {
      try {
        bearer = await token();
      } catch (e) {
        if (i > 120) throw e;
        await sleep(500);
      }
    }
    const pid = listenerPid();
    console.log(`file ${file} (${(fs.statSync(file).size / MiB).toFixed(0)} MiB), backend pid ${pid}`);
    await measure('1 upload', pid, () => [upload(file, 'docker_bench-single_1.0.0.tar.gz', bearer)]);
    await measure('4 uploads at once', pid, () =>
      [1, 2, 3, 4].map(i => upload(file, `docker_bench-parallel-${i}_1.0.0.tar.gz`, bearer)),
    );
  } finally {
    try {
      process.kill(-backend.pid, 'SIGTERM');
    } catch {
      // gone
    }
    await sleep(1000);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
