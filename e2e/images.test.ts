// Browser tests of the Images page (IMG-1, IMG-3..5) against a running
// portal: real uploads through the file input, with the network throttled
// where the test needs to see an upload under way.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import tar from 'tar-stream';
import {
  BASE_URL,
  personaToken,
  SCREENSHOTS,
  usePortal,
} from './harness.ts';

const portal = usePortal();

const MiB = 1024 ** 2;
const TAR = 'application/x-tar';
const GZIP = 'application/gzip';

/** A tar of `entries`, written by tar-stream as `docker save` would. */
async function tarOf(entries: { name: string; data: Buffer | string }[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise(resolve => pack.on('end', resolve));
  for (const entry of entries) {
    const data = Buffer.from(entry.data);
    await new Promise<void>((resolve, reject) =>
      pack.entry({ name: entry.name, size: data.length, mtime: new Date(0) }, data, error =>
        error ? reject(error) : resolve(),
      ),
    );
  }
  pack.finalize();
  await ended;
  return Buffer.concat(chunks);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * A gzipped `docker save` archive (classic layout): manifest.json, the image
 * config, repositories and one layer of incompressible bytes.
 */
async function dockerSaveArchive(repository: string, tag: string, layerBytes: number) {
  const layer = await tarOf([{ name: 'opt/app/payload.bin', data: randomBytes(layerBytes) }]);
  const layerId = sha256(layer);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [`sha256:${layerId}`] },
    }),
  );
  const configName = `${sha256(config)}.json`;
  return gzipSync(
    await tarOf([
      { name: `${layerId}/VERSION`, data: '1.0' },
      { name: `${layerId}/json`, data: JSON.stringify({ id: layerId }) },
      { name: `${layerId}/layer.tar`, data: layer },
      { name: configName, data: config },
      {
        name: 'manifest.json',
        data: JSON.stringify([
          { Config: configName, RepoTags: [`${repository}:${tag}`], Layers: [`${layerId}/layer.tar`] },
        ]),
      },
      { name: 'repositories', data: JSON.stringify({ [repository]: { [tag]: layerId } }) },
    ]),
  );
}

/** Slows the page's uploads to `bytesPerSecond` (Chromium's network emulation). */
async function throttleUploads(context: BrowserContext, page: Page, bytesPerSecond: number) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
  return () => cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
}

async function listImages(user: string, name: string) {
  const token = await personaToken(user);
  const res = await fetch(`${BASE_URL}/api/iot/images?name=${encodeURIComponent(name)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 200);
  return (await res.json()).items as Array<{
    name: string;
    versions: Array<{ version: string; status: string }>;
  }>;
}

/** Runs `steps` as alice on the Images page, with a screenshot if they fail. */
async function asAliceOnImagesPage(
  name: string,
  steps: (page: Page, context: BrowserContext) => Promise<void>,
) {
  const context = await portal().browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  try {
    await page.goto(BASE_URL);
    await page.getByRole('button', { name: 'Sign in as alice' }).click();
    // through the sidebar entry, as a user finds the page
    await page.getByRole('link', { name: 'Images' }).first().click();
    await page.waitForURL(`${BASE_URL}/iot/images`);
    await page.getByRole('link', { name: 'parking-server' }).waitFor();
    await steps(page, context);
  } catch (e) {
    await page.screenshot({ path: path.join(SCREENSHOTS, `images-${name}-FAILED.png`), fullPage: true });
    throw e;
  } finally {
    await context.close();
  }
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `images-${name}.png`), fullPage: true });

describe('Images page in Chromium', () => {
  it('alice uploads a docker save archive and sees it succeed in the list', { timeout: 180_000 }, async () => {
    await asAliceOnImagesPage('upload', async (page, context) => {
      await shot(page, 'list');
      const archive = await dockerSaveArchive('acme/e2e-upload', '1.0.0', 3 * MiB);
      const unthrottle = await throttleUploads(context, page, 1 * MiB);

      await page.getByLabel('Choose image file').setInputFiles({
        name: 'docker_e2e-upload_1.0.0.tar.gz',
        mimeType: GZIP,
        buffer: archive,
      });

      const bar = page.getByRole('progressbar', { name: 'Upload progress' });
      await bar.waitFor();
      await page.waitForFunction(() => {
        const el = document.querySelector('[role="progressbar"][aria-label="Upload progress"]');
        const value = Number(el?.getAttribute('aria-valuenow'));
        return value > 10 && value < 90;
      }, undefined, { timeout: 30_000 });
      await page.getByText(/\/s · .* left$/).waitFor();
      await shot(page, 'upload-progress');
      await unthrottle();

      await page.getByRole('status').filter({ hasText: 'Uploaded e2e-upload version 1.0.0' }).waitFor({ timeout: 60_000 });
      const versions = page.getByRole('table', { name: 'Versions of e2e-upload' });
      const row = versions.getByRole('row').filter({ hasText: '1.0.0' });
      await row.getByText('Succeeded').waitFor();
      assert.equal(await page.getByRole('link', { name: 'e2e-upload' }).getAttribute('href'), '/catalog/default/iotimage/e2e-upload');
      await shot(page, 'upload-succeeded');

      const [image] = await listImages('alice', 'e2e-upload');
      assert.deepEqual(
        image.versions.map(v => [v.version, v.status]),
        [['1.0.0', 'succeeded']],
      );
    });
  });

  it('alice cancels an upload under way and no succeeded version is left', { timeout: 120_000 }, async () => {
    await asAliceOnImagesPage('cancel', async (page, context) => {
      const archive = await dockerSaveArchive('acme/e2e-cancel', '1.0.0', 4 * MiB);
      await throttleUploads(context, page, 256 * 1024);

      await page.getByLabel('Choose image file').setInputFiles({
        name: 'docker_e2e-cancel_1.0.0.tar.gz',
        mimeType: GZIP,
        buffer: archive,
      });
      await page.getByRole('progressbar', { name: 'Upload progress' }).waitFor();
      await page.getByRole('button', { name: 'Cancel upload' }).click();

      await page.getByText('The upload of docker_e2e-cancel_1.0.0.tar.gz was cancelled.').waitFor();
      assert.equal(await page.getByRole('progressbar', { name: 'Upload progress' }).count(), 0);
      await shot(page, 'upload-cancelled');

      const images = await listImages('alice', 'e2e-cancel');
      const statuses = images.flatMap(image => image.versions.map(v => v.status));
      assert.ok(!statuses.includes('succeeded'), `statuses after cancel: ${statuses}`);
    });
  });

  it('alice is told which rule a refused file breaks', { timeout: 120_000 }, async () => {
    await asAliceOnImagesPage('refused', async page => {
      // checked in the browser before anything is sent
      await page.getByLabel('Choose image file').setInputFiles({
        name: 'parking-server-1.5.0.tar.gz',
        mimeType: GZIP,
        buffer: await dockerSaveArchive('acme/parking-server', '1.5.0', 1024),
      });
      const nameAlert = page.getByRole('alert');
      await nameAlert.getByText("Image file name must look like docker_{name}_{version}.tar.gz (or .tar) or vm_{name}_{version}.qcow2 (or .vmdk, .vhd, .img, .raw, .iso); got 'parking-server-1.5.0.tar.gz'").waitFor();
      await shot(page, 'refused-name');

      // well named, but not a docker save archive: the server's rule
      await page.getByLabel('Choose image file').setInputFiles({
        name: 'docker_e2e-broken_1.0.0.tar',
        mimeType: TAR,
        buffer: await tarOf([{ name: 'notes.txt', data: 'not an image' }]),
      });
      const serverAlert = page.getByRole('alert').filter({ hasText: 'The portal refused docker_e2e-broken_1.0.0.tar' });
      await serverAlert.getByText(/not a docker save archive.*manifest\.json/).waitFor();
      await shot(page, 'refused-content');
    });
  });

  it('alice deletes a version after confirming, and cannot delete one a spec uses', { timeout: 120_000 }, async () => {
    await asAliceOnImagesPage('delete', async page => {
      await page.getByLabel('Choose image file').setInputFiles({
        name: 'docker_e2e-delete_1.0.0.tar.gz',
        mimeType: GZIP,
        buffer: await dockerSaveArchive('acme/e2e-delete', '1.0.0', 1024),
      });
      await page.getByRole('status').filter({ hasText: 'Uploaded e2e-delete version 1.0.0' }).waitFor({ timeout: 60_000 });

      await page.getByRole('button', { name: 'Delete version 1.0.0 of e2e-delete' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Delete version 1.0.0 of e2e-delete? This cannot be undone.').waitFor();
      await shot(page, 'delete-confirm');
      await dialog.getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('status').filter({ hasText: 'Deleted version 1.0.0 of e2e-delete.' }).waitFor();
      await page.getByRole('button', { name: 'Delete version 1.0.0 of e2e-delete' }).waitFor({ state: 'detached' });

      // the demo spec smart-parking-standard deploys parking-server 1.4.2
      await page.getByRole('button', { name: 'Show versions of parking-server' }).click();
      await page.getByRole('button', { name: 'Delete version 1.4.2 of parking-server' }).click();
      await dialog.getByRole('button', { name: 'Delete' }).click();
      await dialog.getByRole('alert').getByText(/Smart Parking/).waitFor();
      await shot(page, 'delete-refused');
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      const [image] = await listImages('alice', 'parking-server');
      assert.ok(image.versions.some(v => v.version === '1.4.2' && v.status === 'succeeded'));
    });
  });

  it('alice searches by name and upload status', { timeout: 120_000 }, async () => {
    await asAliceOnImagesPage('search', async page => {
      await page.getByLabel('Search by name').fill('parking');
      await page.getByRole('link', { name: 'parking-server' }).waitFor();
      await page.getByRole('link', { name: /^e2e-/ }).first().waitFor({ state: 'detached' });

      await page.getByLabel('Search by name').fill('');
      await page.getByLabel('Upload status').selectOption('failed');
      // the refused upload above left a failed version
      await page.getByRole('link', { name: 'e2e-broken' }).waitFor();
      await page.getByRole('link', { name: 'parking-server' }).waitFor({ state: 'detached' });
      await shot(page, 'search-failed');
    });
  });
});
