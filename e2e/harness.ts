// Starts the portal for browser tests: builds the frontend once, runs the
// backend (which serves it) on port 7107 with a fresh SQLite directory, and
// drives Debian's Chromium through playwright-core.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const BASE_URL = 'http://localhost:7107';
export const SCREENSHOTS = path.join(ROOT, 'e2e', 'screenshots');
const YARN = path.join(
  ROOT,
  '.yarn/releases',
  fs.readdirSync(path.join(ROOT, '.yarn/releases'))[0],
);

function buildApp() {
  const r = spawnSync(process.execPath, [YARN, 'workspace', 'app', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    throw new Error(`frontend build failed:\n${r.stdout}\n${r.stderr}`);
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

// Each test file runs in its own process under one `node --test` runner, so
// only the first file of a run empties the folder; later files add to it.
function emptyScreenshotsOncePerRun() {
  const marker = path.join(SCREENSHOTS, '.run');
  const run = String(process.ppid);
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === run) return;
  fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  fs.writeFileSync(marker, run);
}

export async function personaToken(user: string): Promise<string> {
  const res = await fetch(`${BASE_URL}/api/auth/persona/refresh?user=${user}`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`sign-in as ${user}: ${res.status} ${await res.text()}`);
  return (await res.json()).backstageIdentity.token;
}

/** A request to the portal's API (`/api…`) as `persona`, with their token. */
export async function api(persona: string, route: string, init: RequestInit = {}) {
  const token = await personaToken(persona);
  return fetch(`${BASE_URL}/api${route}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
}

/** Signs in through the sign-in page as `persona` and waits for the home page. */
export async function signIn(page: Page, persona: string) {
  await page.goto(BASE_URL);
  await page.getByRole('button', { name: `Sign in as ${persona}` }).click();
  await page.getByText(/Welcome|IoT Stage/).first().waitFor();
}

/** What the notifications plugin's API answers for one notification. */
export type Notification = { payload: { title: string; description?: string; link?: string } };

/** The persona's review notifications (the notifications plugin's API), newest first. */
export async function notificationsOf(persona: string): Promise<Notification[]> {
  const res = await api(persona, '/notifications?topic=iot-review&orderField=created,desc');
  if (res.status !== 200) throw new Error(`notifications of ${persona}: ${res.status} ${await res.text()}`);
  return (await res.json()).notifications;
}

/** Runs a deployment test of alice's spec and waits until it passed (the spec may then be submitted). */
export async function passDeploymentTest(specId: string) {
  const started = await api('alice', `/iot/specs/${specId}/deployment-tests`, { method: 'POST' });
  if (started.status !== 202) throw new Error(`test install of ${specId}: ${started.status} ${await started.text()}`);
  const { instanceId } = await started.json();
  const end = Date.now() + 120_000;
  let status = '';
  while (Date.now() < end) {
    status = (await (await api('alice', `/iot/instances/${instanceId}`)).json()).status;
    if (status === 'running') return;
    if (status === 'failed') throw new Error(`the test install of ${specId} failed; the demo specs install in the sandbox`);
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`the test install of ${specId} did not finish; last status ${status}`);
}

export interface Portal {
  browser: Browser;
  stop(): Promise<void>;
}

export async function startPortal(): Promise<Portal> {
  buildApp();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-'));
  const log = fs.openSync(path.join(dataDir, 'backend.log'), 'w');
  // As `yarn workspace backend start` runs it (backstage-cli's node flags and
  // TypeScript transform) but without its file watcher, so that an edit
  // anywhere in the repository cannot restart the backend mid-test.
  const backendDir = path.join(ROOT, 'packages/backend');
  const transform = createRequire(path.join(backendDir, 'package.json')).resolve(
    '@backstage/cli-node/config/nodeTransform.cjs',
  );
  const backend: ChildProcess = spawn(
    process.execPath,
    [
      '--enable-source-maps', '--require', transform, 'src/index',
      '--config', '../../app-config.yaml',
      '--config', '../../e2e/app-config.e2e.yaml',
    ],
    {
      cwd: backendDir,
      env: {
        ...process.env,
        E2E_DATA_DIR: dataDir,
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'),
      },
      stdio: ['ignore', log, log],
      detached: true,
    },
  );
  const stopBackend = () => {
    try {
      process.kill(-backend.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    await waitFor('the backend', async () => (await fetch(`${BASE_URL}/api/iot/health`)).ok, 180_000);
    await waitFor('the demo catalog', async () => {
      const token = await personaToken('alice');
      const res = await fetch(
        `${BASE_URL}/api/catalog/entities/by-name/iotspec/default/smart-parking-standard`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      return res.ok && ((await res.json()).relations ?? []).length > 0;
    }, 120_000);
  } catch (e) {
    stopBackend();
    const tail = fs.readFileSync(path.join(dataDir, 'backend.log'), 'utf8').slice(-4000);
    throw new Error(`${(e as Error).message}\n--- backend log ---\n${tail}`);
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run',
    ],
  });
  emptyScreenshotsOncePerRun();
  return {
    browser,
    async stop() {
      await browser.close();
      stopBackend();
      await new Promise(r => setTimeout(r, 500));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts one portal for the test file (before its tests, stopped after them)
 * and returns a getter for it.
 */
export function usePortal(): () => Portal {
  let portal: Portal | undefined;
  before(
    async () => {
      portal = await startPortal();
    },
    { timeout: 600_000 },
  );
  after(async () => {
    await portal?.stop();
  });
  return () => {
    if (!portal) throw new Error('the portal is not running');
    return portal;
  };
}
