// Browser and HTTP tests of the whole portal, against one running instance:
// the built frontend served by the backend, with the demo catalog loaded.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  BASE_URL,
  personaToken,
  SCREENSHOTS,
  usePortal,
} from './harness.ts';

const portal = usePortal();

const personas = ['alice', 'bob', 'rita', 'sam', 'sue'];

describe('smoke test in Chromium', () => {
  for (const persona of personas) {
    it(`${persona} signs in, opens the catalog and the Smart Parking app`, { timeout: 120_000 }, async () => {
      const context = await portal().browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      try {
        await page.goto(BASE_URL);
        await page.getByRole('button', { name: `Sign in as ${persona}` }).click();

        await page.goto(`${BASE_URL}/catalog?filters%5Bkind%5D=iotapp&filters%5Buser%5D=all`);
        await page.getByRole('link', { name: /Smart Parking/ }).first().waitFor();
        await page.getByRole('link', { name: /Energy Monitor/ }).first().waitFor();

        await page.goto(`${BASE_URL}/catalog/default/iotapp/smart-parking`);
        const card = page.getByText('IoT app', { exact: true }).first();
        await card.waitFor();
        await page.getByRole('link', { name: /isv-acme|Acme IoT/ }).first().waitFor();
        await page.getByRole('link', { name: /smart-parking-standard|Smart Parking — standard/ }).first().waitFor();
        assert.match(await page.title(), /Smart Parking|IoT Stage/);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${persona}-iotapp.png`), fullPage: true });
      } catch (e) {
        await page.screenshot({ path: path.join(SCREENSHOTS, `${persona}-FAILED.png`), fullPage: true });
        throw e;
      } finally {
        await context.close();
      }
    });
  }
});

describe('API over HTTP', () => {
  it('lists the demo IoT entities with their relations for a persona token', async () => {
    const token = await personaToken('sam');
    const res = await fetch(
      `${BASE_URL}/api/catalog/entities/by-query?filter=kind=iotapp,kind=iotspec,kind=iotimage`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    assert.equal(res.status, 200);
    const { items } = await res.json();
    const byRef = new Map<string, any>(
      items.map((e: any) => [`${e.kind}:${e.metadata.name}`.toLowerCase(), e]),
    );
    const relations = (ref: string) =>
      (byRef.get(ref)?.relations ?? []).map((r: any) => `${r.type} ${r.targetRef}`).sort();
    assert.deepEqual(relations('iotspec:smart-parking-standard'), [
      'dependsOn iotimage:default/parking-server',
      'ownedBy group:default/isv-acme',
      'partOf iotapp:default/smart-parking',
    ]);
    assert.deepEqual(relations('iotapp:energy-monitor'), [
      'hasPart iotspec:default/energy-monitor-edge',
      'ownedBy group:default/isv-globex',
    ]);
    assert.deepEqual(relations('iotimage:energy-collector'), [
      'dependencyOf iotspec:default/energy-monitor-edge',
      'ownedBy group:default/isv-globex',
    ]);
  });

  it('answers /api/iot/health without a token and 401 elsewhere under /api/iot', async () => {
    assert.equal((await fetch(`${BASE_URL}/api/iot/health`)).status, 200);
    for (const route of ['/api/iot/openapi.json', '/api/iot/apps', '/api/iot/images', '/api/iot/anything']) {
      const res = await fetch(`${BASE_URL}${route}`);
      assert.equal(res.status, 401, `${route} without a token`);
    }
    const token = await personaToken('alice');
    const res = await fetch(`${BASE_URL}/api/iot/openapi.json`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(res.status, 200);
    assert.match((await res.json()).openapi, /^3\./);
  });

  it('refuses sign-in as someone who is not in the catalog', async () => {
    const res = await fetch(`${BASE_URL}/api/auth/persona/refresh?user=mallory`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    assert.equal(res.status, 401);
  });
});
