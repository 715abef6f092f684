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

// Drafts are private (issue 4): each ISV sees its own apps, the reviewers see
// all, system integrators only listed ones — the demo seed lists Parking
// Finder (issue 7).
const visibleApps: Record<string, string[]> = {
  alice: ['Smart Parking'],
  bob: ['Energy Monitor'],
  rita: ['Smart Parking', 'Energy Monitor'],
  ada: ['Smart Parking', 'Energy Monitor'],
  sam: ['Parking Finder'],
  sue: ['Parking Finder'],
};

describe('smoke test in Chromium', () => {
  for (const [persona, apps] of Object.entries(visibleApps)) {
    it(`${persona} signs in and sees exactly the IoT apps ${persona} may see`, { timeout: 120_000 }, async () => {
      const context = await portal().browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      try {
        await page.goto(BASE_URL);
        await page.getByRole('button', { name: `Sign in as ${persona}` }).click();

        await page.goto(`${BASE_URL}/catalog?filters%5Bkind%5D=iotapp&filters%5Buser%5D=all`);
        if (apps.length === 0) {
          await page.getByText(/No records to display/i).first().waitFor();
        }
        for (const app of apps) {
          await page.getByRole('link', { name: new RegExp(app) }).first().waitFor();
        }
        for (const app of ['Smart Parking', 'Energy Monitor'].filter(a => !apps.includes(a))) {
          assert.equal(await page.getByRole('link', { name: new RegExp(app) }).count(), 0, `${persona} must not see ${app}`);
        }

        await page.goto(`${BASE_URL}/catalog/default/iotapp/smart-parking`);
        if (apps.includes('Smart Parking')) {
          await page.getByText('IoT app', { exact: true }).first().waitFor();
          await page.getByRole('link', { name: /isv-acme|Acme IoT/ }).first().waitFor();
          await page.locator('a[href$="/iotapp/smart-parking/specs"]').first().click();
          await page.getByRole('link', { name: /Smart Parking — standard/ }).first().waitFor();
          assert.match(await page.title(), /Smart Parking|IoT Stage/);
        } else {
          await page.getByText(/not found/i).first().waitFor();
        }
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
  async function iotEntities(persona: string): Promise<any[]> {
    const token = await personaToken(persona);
    const res = await fetch(
      `${BASE_URL}/api/catalog/entities/by-query?filter=kind=iotapp,kind=iotspec,kind=iotimage`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    assert.equal(res.status, 200);
    return (await res.json()).items;
  }

  it('keeps drafts and images private in the catalog API', async () => {
    const names = async (persona: string) =>
      (await iotEntities(persona)).map(e => `${e.kind}:${e.metadata.name}`).sort();
    // listed apps and their specs are public; images never are
    assert.deepEqual(await names('sam'), [
      'IotApp:parking-finder',
      'IotSpec:parking-finder-cloud',
    ]);
    assert.deepEqual(await names('bob'), [
      'IotApp:energy-monitor',
      'IotApp:parking-finder',
      'IotImage:energy-collector',
      'IotSpec:energy-monitor-edge',
      'IotSpec:parking-finder-cloud',
    ]);
  });

  it('lists the demo IoT entities with their relations for a reviewer', async () => {
    const token = await personaToken('rita');
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
