// Browser test of the apps and specs journey of issue 4 (APP-1..5,
// SPEC-1..6, SPEC-10), as a new ISV user would go through it: alice creates
// an app and two specs, copies one, exports it, imports it into another app
// and deletes one; bob can neither see nor touch any of it; the catalog
// relates the app, its specs and the images they deploy.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { api, BASE_URL, SCREENSHOTS, signIn, usePortal } from './harness.ts';

const portal = usePortal();

async function entity(persona: string, ref: string) {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return api(persona, `/catalog/entities/by-name/${kind}/${namespace}/${name}`);
}

/** Waits until the catalog has the entity with relations matching `check`. */
async function waitForEntity(ref: string, check: (relations: string[]) => boolean) {
  const end = Date.now() + 30_000;
  let last: string[] = [];
  while (Date.now() < end) {
    const res = await entity('alice', ref);
    if (res.ok) {
      last = ((await res.json()).relations ?? []).map((r: any) => `${r.type} ${r.targetRef}`).sort();
      if (check(last)) return last;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`${ref} never got the expected relations; last seen: ${JSON.stringify(last)}`);
}

async function fillSpecForm(page: Page, spec: { name: string; description: string; trial?: boolean }) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Type').selectOption('general');
  await dialog.getByLabel('Deploy location').selectOption('public-cloud');
  await dialog.getByLabel('Name').fill(spec.name);
  await dialog.getByLabel('Description').fill(spec.description);
  if (spec.trial) await dialog.getByLabel('Allow 7-day trial').check();
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('apps and specs in Chromium', () => {
  it('alice creates an app with two specs, copies, exports, imports and deletes; bob sees none of it', { timeout: 300_000 }, async () => {
    const context = await portal().browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `apps-${name}.png`), fullPage: true });
    try {
      await signIn(page, 'alice');

      // APP-1: the Apps page and its "New app" dialog, with the live counter
      await page.goto(`${BASE_URL}/iot/apps`);
      await page.getByRole('link', { name: 'Smart Parking' }).waitFor();
      await page.getByRole('button', { name: 'New app' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name').fill('Street Lights E2E');
      await dialog.getByLabel('Industry').selectOption('smart-city');
      await dialog.getByLabel('Scenario').selectOption('street-lighting');
      await dialog.getByLabel('Description').fill('Dims street lights when nobody is around.');
      await dialog.getByText('41/1024').waitFor();
      await shot('new-app-dialog');
      await dialog.getByRole('button', { name: 'Create' }).click();

      // lands on the app's catalog page once the catalog has it
      await page.waitForURL(/\/catalog\/default\/iotapp\/street-lights-e2e/, { timeout: 30_000 });
      await page.getByText('Street Lights E2E').first().waitFor();

      // SPEC-1: two specs from the Specs tab; each lands on its spec page
      for (const [name, description] of [
        ['Cloud', 'Public-cloud deployment for one district.'],
        ['Cloud XL', 'Public-cloud deployment for a whole city.'],
      ]) {
        await page.goto(`${BASE_URL}/catalog/default/iotapp/street-lights-e2e/specs`);
        await page.getByRole('button', { name: 'New spec' }).click();
        await fillSpecForm(page, { name, description, trial: name === 'Cloud' });
        await page.waitForURL(/\/iot\/specs\//);
        await page.getByText(description).first().waitFor();
      }
      const specs = await (await api('alice', '/iot/apps/street-lights-e2e/specs')).json();
      assert.deepEqual(specs.items.map((s: any) => s.name).sort(), ['Cloud', 'Cloud XL']);
      const cloud = specs.items.find((s: any) => s.name === 'Cloud');
      assert.equal(cloud.allowTrial, true);

      // SPEC-6: copy "Cloud" from the Specs tab, with the suggested name
      await page.goto(`${BASE_URL}/catalog/default/iotapp/street-lights-e2e/specs`);
      await page.getByRole('button', { name: 'Copy Cloud', exact: true }).click();
      await page.getByRole('dialog').getByLabel('Name of the copy').waitFor();
      assert.equal(await page.getByRole('dialog').getByLabel('Name of the copy').inputValue(), 'Cloud (copy)');
      await page.getByRole('dialog').getByRole('button', { name: 'Copy' }).click();
      await page.waitForURL(/\/iot\/specs\//);
      await page.getByText('Cloud (copy)').first().waitFor();

      // SPEC-5: export "Cloud" as a .zip download
      await page.goto(`${BASE_URL}/catalog/default/iotapp/street-lights-e2e/specs`);
      await page.getByRole('cell', { name: 'Cloud XL', exact: true }).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export Cloud', exact: true }).click(),
      ]);
      const zip = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-spec-')), download.suggestedFilename());
      await download.saveAs(zip);
      assert.match(download.suggestedFilename(), /\.zip$/);
      assert.equal(fs.readFileSync(zip).subarray(0, 2).toString(), 'PK');

      // SPEC-2: import it into alice's other app, Smart Parking
      await page.goto(`${BASE_URL}/catalog/default/iotapp/smart-parking/specs`);
      await page.getByRole('button', { name: 'Import spec' }).click();
      await page.getByRole('dialog').locator('input[type=file]').setInputFiles(zip);
      await page.getByText(/Imported Cloud/).first().waitFor({ timeout: 30_000 });
      await shot('imported');
      const parkingSpecs = await (await api('alice', '/iot/apps/smart-parking/specs')).json();
      const imported = parkingSpecs.items.find((s: any) => s.name === 'Cloud');
      assert.ok(imported, 'the imported spec is in Smart Parking');
      for (const field of ['type', 'deployLocation', 'description', 'allowTrial', 'images']) {
        assert.deepEqual(imported[field], cloud[field], `imported ${field} is unchanged`);
      }

      // SPEC-6 across images: copying the demo spec keeps its image dependency
      const copied = await (await api('alice', '/iot/specs/smart-parking-standard/copy', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      })).json();
      assert.deepEqual(copied.images, [{ name: 'parking-server', version: '1.4.2' }]);

      // SPEC-4: delete "Cloud XL" after the confirmation
      await page.goto(`${BASE_URL}/catalog/default/iotapp/street-lights-e2e/specs`);
      await page.getByRole('button', { name: 'Delete Cloud XL', exact: true }).click();
      await page.getByRole('dialog').getByText(/Delete the spec Cloud XL/).waitFor();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('cell', { name: 'Cloud XL', exact: true }).waitFor({ state: 'detached' });
      const left = await (await api('alice', '/iot/apps/street-lights-e2e/specs')).json();
      assert.deepEqual(left.items.map((s: any) => s.name).sort(), ['Cloud', 'Cloud (copy)']);
      await shot('specs-tab');

      // SPEC-10 / APP-5: the catalog relates app, specs and images
      const appRelations = await waitForEntity('iotapp:default/street-lights-e2e', r =>
        r.filter(x => x.startsWith('hasPart')).length === 2,
      );
      assert.ok(appRelations.includes('ownedBy group:default/isv-acme'));
      await waitForEntity(`iotspec:default/${copied.id}`, r =>
        r.includes('dependsOn iotimage:default/parking-server') && r.includes('partOf iotapp:default/smart-parking'),
      );

      // bob: not in his lists, 404 on the app, the spec and their entities; cannot change them
      const bobApps = await (await api('bob', '/iot/apps')).json();
      assert.deepEqual(bobApps.items.map((a: any) => a.id), ['energy-monitor']);
      assert.equal((await api('bob', '/iot/apps/street-lights-e2e')).status, 404);
      assert.equal((await api('bob', `/iot/specs/${cloud.id}`)).status, 404);
      assert.equal((await api('bob', `/iot/specs/${cloud.id}`, { method: 'DELETE' })).status, 404);
      assert.equal((await api('bob', '/iot/apps/street-lights-e2e', {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Taken over' }),
      })).status, 404);
      assert.equal((await entity('bob', 'iotapp:default/street-lights-e2e')).status, 404);
      assert.equal((await entity('bob', `iotspec:default/${cloud.id}`)).status, 404);

      const bobContext = await portal().browser.newContext({ viewport: { width: 1400, height: 900 } });
      const bobPage = await bobContext.newPage();
      try {
        await signIn(bobPage, 'bob');
        await bobPage.goto(`${BASE_URL}/iot/apps`);
        await bobPage.getByRole('link', { name: 'Energy Monitor' }).waitFor();
        assert.equal(await bobPage.getByText('Street Lights E2E').count(), 0);
        await bobPage.goto(`${BASE_URL}/catalog/default/iotapp/street-lights-e2e`);
        await bobPage.getByText(/not found/i).first().waitFor();
      } finally {
        await bobContext.close();
      }

      // APP-2 / APP-4: edit, then delete the app after the confirmation
      await page.goto(`${BASE_URL}/catalog/default/iotapp/street-lights-e2e`);
      await page.getByRole('button', { name: 'Edit app' }).click();
      await page.getByRole('dialog').getByLabel('Description').fill('Dims street lights at night.');
      await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      assert.equal((await (await api('alice', '/iot/apps/street-lights-e2e')).json()).description, 'Dims street lights at night.');
      await page.getByRole('button', { name: 'Delete app' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
      await page.waitForURL(/\/iot\/apps/);
      assert.equal((await api('alice', '/iot/apps/street-lights-e2e')).status, 404);
    } catch (e) {
      await shot('FAILED');
      throw e;
    } finally {
      await context.close();
    }
  });
});
