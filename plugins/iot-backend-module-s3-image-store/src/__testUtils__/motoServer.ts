import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Any key pair works with moto; the tests pass it like real credentials. */
export const MOTO_CREDENTIALS = {
  accessKeyId: 'moto-access-key',
  secretAccessKey: 'moto-secret-key',
};

function findMotoServer(): string | undefined {
  for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(directory, 'moto_server');
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not in this PATH entry
    }
  }
  return undefined;
}

const motoServerPath = findMotoServer();

/** Whether moto_server is there; throws under CI when it is not. */
function motoServerInstalled(): boolean {
  if (motoServerPath) {
    return true;
  }
  const missing =
    "moto_server is not on the PATH; the S3 image store tests need it as their S3-compatible server (pip install 'moto[server]')";
  if (process.env.CI) {
    throw new Error(`${missing}. CI is set, so they may not be skipped.`);
  }
  // straight to stderr: jest drops the console output of a skipped file
  process.stderr.write(`\nWARNING: ${missing}. SKIPPED.\n`);
  return false;
}

/**
 * `describe` for tests against a real S3-compatible server (moto_server).
 * Without moto_server they fail under CI and are skipped, visibly, elsewhere.
 */
export const describeWithMoto: jest.Describe = motoServerInstalled()
  ? describe
  : describe.skip;

export interface MotoServer {
  endpoint: string;
  /** A client of the server, path-style as moto needs. */
  client: S3Client;
  createBucket(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts moto_server on a free loopback port and waits until it answers. */
export async function startMotoServer(): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(
    motoServerPath!,
    ['-H', '127.0.0.1', '-p', String(port)],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      // two keys per ListObjectsV2 page, so that listing has to page
      env: { ...process.env, MOTO_S3_DEFAULT_MAX_KEYS: '2' },
    },
  );
  let output = '';
  child.stderr!.on('data', chunk => {
    output = (output + chunk).slice(-4000);
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<void>(resolve =>
    child.once('exit', code => {
      exitCode = code;
      resolve();
    }),
  );

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(`moto_server exited with ${exitCode}:\n${output}`);
    }
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).ok) {
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`moto_server did not answer on ${endpoint}:\n${output}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }

  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: MOTO_CREDENTIALS,
  });
  let buckets = 0;
  return {
    endpoint,
    client,
    async createBucket() {
      buckets += 1;
      const bucket = `images-${buckets}`;
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      return bucket;
    },
    async stop() {
      client.destroy();
      if (exitCode === undefined) {
        child.kill();
        await exited;
      }
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
