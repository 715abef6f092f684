#!/usr/bin/env node
/*
 * Throughput and memory of the image inspector
 * (plugins/iot-backend/src/images/ingest) on a ~2 GiB docker save .tar.gz.
 * See bench/README.md for how to run it and the figures measured.
 *
 *   node bench/image-ingest.mjs [file] [--mode M] [--concurrency N] [--data skewed|random] [--size-mib N] [--regenerate]
 *
 * Without a file it generates (streams, once) a docker save archive of poorly
 * compressible data into /tmp/iot-image-ingest-bench/ and reuses it after.
 * Each measured run happens in a fresh child process, so its peak RSS is its own.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  renameSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'plugins/iot-backend/package.json'));
const CACHE = '/tmp/iot-image-ingest-bench';
const MiB = 1024 * 1024;
const MODES = ['inspector', 'sha256', 'gunzip', 'gunzip+tar-stream'];

function parseArgs(argv) {
  const options = {
    mode: 'inspector',
    concurrency: 1,
    data: 'skewed',
    sizeMib: 1990,
    regenerate: false,
    child: false,
    file: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--mode') options.mode = argv[++i];
    else if (arg === '--concurrency') options.concurrency = Number(argv[++i]);
    else if (arg === '--data') options.data = argv[++i];
    else if (arg === '--size-mib') options.sizeMib = Number(argv[++i]);
    else if (arg === '--regenerate') options.regenerate = true;
    else if (arg === '--child') options.child = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else options.file = arg;
  }
  if (options.mode !== 'all' && !MODES.includes(options.mode)) {
    throw new Error(`--mode must be all or one of ${MODES.join(', ')}`);
  }
  return options;
}

/** Loads the TypeScript sources through Backstage's node transform. */
function loadIngest() {
  require('@backstage/cli-node/config/nodeTransform.cjs');
  return require(join(ROOT, 'plugins/iot-backend/src/images/ingest/index.ts'));
}

function loadSamples() {
  require('@backstage/cli-node/config/nodeTransform.cjs');
  return require(join(
    ROOT,
    'plugins/iot-backend/src/images/ingest/samples.ts',
  ));
}

/** 16 MiB of random bytes; `skewed` maps them onto 200 symbols so deflate must Huffman-code them (~95 % ratio). */
function noise(data) {
  const buffer = randomBytes(16 * MiB);
  if (data === 'skewed') {
    for (let i = 0; i < buffer.length; i++) buffer[i] %= 200;
  }
  return buffer;
}

/**
 * Streams a classic docker save archive with 8 layers of `sizeMib` in total
 * through gzip -1 into `file` (via a temporary name, so a stopped run leaves
 * no half file behind).
 */
async function generate(file, sizeMib, data) {
  const { createTar } = loadSamples();
  mkdirSync(dirname(file), { recursive: true });
  const layers = 8;
  const layerBytes = Math.floor((sizeMib * MiB) / layers / 512) * 512;
  const source = noise(data);
  const out = new PassThrough({ highWaterMark: 4 * MiB });
  const tmp = `${file}.partial`;
  const done = pipeline(out, createGzip({ level: 1 }), createWriteStream(tmp));
  const write = async chunk => {
    if (!out.write(chunk))
      await new Promise(resolve => out.once('drain', resolve));
  };
  const header = (name, size) =>
    createTar([{ name, declaredSize: size }], { endOfArchive: false });
  const ids = [];
  let offset = 0;
  const started = Date.now();
  for (let l = 0; l < layers; l++) {
    const id = createHash('sha256').update(`layer ${l}`).digest('hex');
    ids.push(id);
    await write(
      createTar(
        [
          { name: `${id}/`, type: 'directory' },
          { name: `${id}/VERSION`, data: '1.0' },
          { name: `${id}/json`, data: JSON.stringify({ id }) },
        ],
        { endOfArchive: false },
      ),
    );
    // layer.tar: one file of layerBytes inside a tar of its own
    const innerSize = layerBytes - 3 * 512;
    await write(header(`${id}/layer.tar`, layerBytes));
    await write(header(`opt/data-${l}.bin`, innerSize));
    for (let left = innerSize; left > 0; ) {
      const n = Math.min(left, source.length - offset, 4 * MiB);
      await write(source.subarray(offset, offset + n));
      offset = (offset + n) % source.length;
      left -= n;
    }
    await write(Buffer.alloc(1024));
    process.stderr.write(
      `generated layer ${l + 1}/${layers} (${(
        ((l + 1) * layerBytes) /
        MiB
      ).toFixed(0)} MiB, ${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
    );
  }
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: [] },
  });
  const configName = `${createHash('sha256')
    .update(config)
    .digest('hex')}.json`;
  await write(
    createTar([
      { name: configName, data: config },
      {
        name: 'manifest.json',
        data: JSON.stringify([
          {
            Config: configName,
            RepoTags: ['bench/image:1.0.0'],
            Layers: ids.map(id => `${id}/layer.tar`),
          },
        ]),
      },
      {
        name: 'repositories',
        data: JSON.stringify({
          'bench/image': { '1.0.0': ids[ids.length - 1] },
        }),
      },
    ]),
  );
  out.end();
  await done;
  renameSync(tmp, file);
}

class NullSink extends Writable {
  _write(_chunk, _encoding, callback) {
    callback();
  }
}

/** One measured pass over `file` in this process: what `mode` does, into /dev/null. */
async function measure(file, mode, concurrency) {
  const ingest = mode === 'inspector' ? loadIngest() : undefined;
  const { extract } = require('tar-stream');
  const rssSamples = [];
  const baseline = process.memoryUsage().rss;
  const timer = setInterval(
    () => rssSamples.push(process.memoryUsage().rss),
    50,
  );
  const started = process.hrtime.bigint();
  const one = async () => {
    const source = createReadStream(file, { highWaterMark: 64 * 1024 });
    if (mode === 'inspector') {
      const { createImageInspector, parseImageFileName } = ingest;
      const inspector = createImageInspector({
        fileName: parseImageFileName(basename(file)),
      });
      const [, result] = await Promise.all([
        pipeline(source, inspector.stream, new NullSink()),
        inspector.result,
      ]);
      return result;
    }
    if (mode === 'sha256') {
      const hash = createHash('sha256');
      await pipeline(
        source,
        new Writable({
          write(chunk, _e, cb) {
            hash.update(chunk);
            cb();
          },
        }),
      );
      return { sha256: hash.digest('hex') };
    }
    const gunzip = createGunzip({ chunkSize: 256 * 1024 });
    if (mode === 'gunzip') {
      await pipeline(source, gunzip, new NullSink());
      return { unpackedBytes: gunzip.bytesWritten };
    }
    const extractor = extract();
    let entries = 0;
    extractor.on('entry', (_header, stream, next) => {
      entries++;
      stream.on('end', next);
      stream.resume();
    });
    await pipeline(source, gunzip, extractor);
    return { entries };
  };
  const results = await Promise.all(Array.from({ length: concurrency }, one));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(timer);
  const bytes = statSync(file).size * concurrency;
  return {
    mode,
    concurrency,
    fileMiB: +(statSync(file).size / MiB).toFixed(1),
    seconds: +seconds.toFixed(2),
    mibPerSecond: +(bytes / MiB / seconds).toFixed(1),
    peakRssMiB: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
    rssGrowthMiB: +(
      (Math.max(baseline, ...rssSamples) - baseline) /
      MiB
    ).toFixed(1),
    result: results[0],
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.child) {
    console.log(
      JSON.stringify(
        await measure(options.file, options.mode, options.concurrency),
      ),
    );
    return;
  }
  let file = options.file;
  if (!file) {
    file = join(
      CACHE,
      `docker_bench-${options.data}-${options.sizeMib}_1.0.0.tar.gz`,
    );
    if (options.regenerate || !existsSync(file)) {
      console.error(
        `generating ${file} (${options.sizeMib} MiB of ${options.data} data, gzip -1); reused by later runs`,
      );
      await generate(file, options.sizeMib, options.data);
    }
  }
  const modes = options.mode === 'all' ? MODES : [options.mode];
  console.log(
    `file: ${file} (${(statSync(file).size / MiB).toFixed(1)} MiB), node ${
      process.version
    }`,
  );
  for (const mode of modes) {
    const child = spawnSync(
      process.execPath,
      [
        fileURLToPath(import.meta.url),
        file,
        '--child',
        '--mode',
        mode,
        '--concurrency',
        String(options.concurrency),
      ],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 16 * MiB,
      },
    );
    if (child.status !== 0) {
      throw new Error(`${mode} run failed (exit ${child.status})`);
    }
    const run = JSON.parse(child.stdout.trim().split('\n').pop());
    console.log(
      `${run.mode.padEnd(18)} x${run.concurrency}: ${
        run.mibPerSecond
      } MiB/s of upload (${run.seconds} s), peak RSS ${run.peakRssMiB} MiB (+${
        run.rssGrowthMiB
      } MiB during the run)`,
    );
    if (run.mode === 'inspector')
      console.log(`  ${JSON.stringify(run.result)}`);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
