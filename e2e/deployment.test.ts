// Browser test of the deployment test of issue 6 (SPEC-8), on the real
// backend with its sandbox cloud (app-config.yaml: 2 % of the nominal
// latencies, so an install takes seconds, slow enough to watch): alice
// opens the demo spec Smart Parking — standard, starts an install, watches
// the resources turn ready and the bar reach 100 %, reads the outputs and
// the password, deletes the instance after confirming and finds the test
// in the history. Then a copy of the spec whose database node carries the
// sandbox's fault property x-fault: fail shows which resource failed, why,
// and that everything created was rolled back.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { api, BASE_URL, SCREENSHOTS, signIn, usePortal } from './harness.ts';

const portal = usePortal();

const node = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const field = (page: Page, label: string) =>
  page.getByRole('region', { name: 'Outputs' }).locator('dt', { hasText: label }).locator('xpath=following-sibling::dd');
const historyRows = (page: Page) =>
  page.getByRole('table', { name: 'Test installs of this spec' }).locator('tbody tr');

/** The resources of the example graph (the demo spec), as the nodes are labelled. */
const RESOURCES = [
  'VPC parking-vpc',
  'Subnet parking-subnet',
  'Security group parking-db-sg',
  'Elastic IP parking-eip',
  'Container cluster parking-cce',
  'Node pool parking-nodes',
  'Relational database parking-db',
  'Container workload parking-server',
  'Load balancer parking-elb',
];

async function progressOf(page: Page, name: string): Promise<number> {
  return Number(await page.getByRole('progressbar', { name }).getAttribute('aria-valuenow'));
}

async function untilProgress(page: Page, name: string, value: number, timeout = 90_000) {
  await page.waitForFunction(
    ([label, expected]) =>
      document.querySelector(`[role="progressbar"][aria-label="${label}"]`)?.getAttribute('aria-valuenow') ===
      String(expected),
    [name, value] as const,
    { timeout },
  );
}

describe('deployment test in Chromium', () => {
  it('alice installs the demo spec, reads its outputs, deletes the instance and finds the test in the history', { timeout: 300_000 }, async () => {
    const context = await portal().browser.newContext({ viewport: { width: 1600, height: 1100 } });
    const page = await context.newPage();
    const shot = (name: string) =>
      page.screenshot({ path: path.join(SCREENSHOTS, `deployment-${name}.png`), fullPage: true });
    try {
      await signIn(page, 'alice');
      await page.goto(`${BASE_URL}/iot/specs/smart-parking-standard`);
      await page.getByText(/^No test installs yet — Start install deploys/).waitFor();
      assert.equal(await page.getByText('Passed deployment test').count(), 0);
      const start = page.getByRole('button', { name: 'Start install' });
      await page.waitForFunction(
        () => [...document.querySelectorAll('button')].some(b => b.textContent === 'Start install' && !b.disabled),
      );
      await shot('empty');

      await start.click();
      // live: the database takes longest and is seen being created
      await node(page, 'Relational database parking-db: Creating').waitFor({ timeout: 30_000 });
      const midway = await progressOf(page, 'Install progress');
      assert.ok(midway > 0 && midway < 100, `the bar is part-way while the database is created (${midway} %)`);
      assert.equal(await start.isDisabled(), true, 'no second install while one runs');
      await shot('installing');

      await untilProgress(page, 'Install progress', 100);
      for (const resource of RESOURCES) {
        await node(page, `${resource}: Ready`).waitFor();
      }
      await page.getByText('100% · 9 of 9 resources ready').waitFor();
      await page.getByText('Installed: every resource is ready.', { exact: false }).waitFor();

      // the outputs, the password only on request
      const address = await field(page, 'Access address').innerText();
      assert.match(address, /^http:\/\/198\.1[89]\.\d+\.\d+/);
      assert.equal(await field(page, 'Account').innerText(), 'admin');
      const tests = await (await api('alice', '/iot/specs/smart-parking-standard/deployment-tests')).json();
      assert.equal(tests.items.length, 1);
      const instanceId: string = tests.items[0].id;
      const instance = await (await api('alice', `/iot/instances/${instanceId}`)).json();
      const password: string = instance.outputs.password;
      assert.ok(!(await field(page, 'Password').innerText()).includes(password), 'the password is masked');
      await page.getByRole('button', { name: 'Show password' }).click();
      assert.ok((await field(page, 'Password').innerText()).includes(password), 'revealed, it is the instance password');
      assert.equal(instance.outputs.accessAddress, address.trim().split(/\s/)[0]);

      // the log names resources; the spec has passed
      const log = page.getByRole('table', { name: 'Install log' });
      assert.match(await log.innerText(), /installed: 9 resources ready/);
      assert.match(await log.innerText(), /parking-db/);
      await page.getByText('Passed deployment test').waitFor();
      await shot('installed');

      // delete, after confirming
      await page.getByRole('button', { name: 'Delete instance' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete instance?' });
      await dialog.waitFor();
      assert.match(await dialog.innerText(), /deleted in reverse dependency order/);
      await dialog.getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('progressbar', { name: 'Uninstall progress' }).waitFor();
      await shot('uninstalling');
      await untilProgress(page, 'Uninstall progress', 100);
      await page.getByText('Deleted: every resource of this install was removed.').waitFor();
      for (const resource of RESOURCES) {
        await node(page, `${resource}: Deleted`).waitFor();
      }
      assert.equal(await page.getByRole('button', { name: 'Delete instance' }).count(), 0);

      // the history keeps the test: deleted now, but it passed
      await page.waitForFunction(() =>
        /Deleted/.test(
          document.querySelector('table[aria-label="Test installs of this spec"] tbody tr')?.textContent ?? '',
        ),
      );
      assert.equal(await historyRows(page).count(), 1);
      const cells = historyRows(page).first().locator('td');
      assert.equal(await cells.nth(0).innerText(), 'Deleted');
      assert.notEqual(await cells.nth(2).innerText(), '—', 'it says when the install finished');
      assert.match(await cells.nth(3).innerText(), /^\d+ s$/);
      assert.equal(await cells.nth(4).innerText(), 'Yes');
      await page.getByText('Passed deployment test').waitFor();
      await shot('history');

      const after = await (await api('alice', `/iot/instances/${instanceId}`)).json();
      assert.equal(after.status, 'deleted');
      assert.equal(after.installResult, 'passed');
    } catch (e) {
      await page.screenshot({ path: path.join(SCREENSHOTS, 'deployment-FAILED.png'), fullPage: true });
      throw e;
    } finally {
      await context.close();
    }
  });

  it('a resource that fails is named with its reason, and what was created is rolled back', { timeout: 300_000 }, async () => {
    // a copy of the demo spec whose database the sandbox refuses to create
    const copied = await api('alice', '/iot/specs/smart-parking-standard/copy', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Deployment E2E failure' }),
    });
    assert.equal(copied.status, 201, await copied.clone().text());
    const specId: string = (await copied.json()).id;
    const graph = await (await api('alice', `/iot/specs/${specId}/graph`)).json();
    graph.nodes.find((n: { id: string }) => n.id === 'db').properties['x-fault'] = 'fail';
    const saved = await api('alice', `/iot/specs/${specId}/graph`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(graph),
    });
    assert.equal(saved.status, 200, await saved.clone().text());

    const context = await portal().browser.newContext({ viewport: { width: 1600, height: 1100 } });
    const page = await context.newPage();
    try {
      await signIn(page, 'alice');
      await page.goto(`${BASE_URL}/iot/specs/${specId}`);
      await page.getByText(/^No test installs yet/).waitFor();
      await page.waitForFunction(
        () => [...document.querySelectorAll('button')].some(b => b.textContent === 'Start install' && !b.disabled),
      );
      await page.getByRole('button', { name: 'Start install' }).click();

      const alert = page.getByRole('alert').filter({ hasText: 'Install failed at Relational database parking-db' });
      await alert.waitFor({ timeout: 60_000 });
      assert.match(
        await alert.innerText(),
        /sandbox refused creating Relational database 'parking-db': fault injected by property x-fault of node db/,
      );
      await alert.getByText('Rolled back: every resource it had created was deleted', { exact: false }).waitFor({ timeout: 90_000 });
      await untilProgress(page, 'Rollback progress', 100);
      // what was created is deleted; what depends on the database never started
      for (const resource of ['VPC parking-vpc', 'Subnet parking-subnet', 'Security group parking-db-sg']) {
        await node(page, `${resource}: Deleted`).waitFor();
      }
      // the database was deleted too, and stays marked as the one that failed
      await node(page, 'Relational database parking-db: Deleted, failed').waitFor();
      await node(page, 'Container workload parking-server: Pending').waitFor();
      await node(page, 'Load balancer parking-elb: Pending').waitFor();
      assert.match(await page.getByRole('table', { name: 'Install log' }).innerText(), /install failed at Relational database 'parking-db'/);
      assert.equal(await page.getByRole('button', { name: 'Delete instance' }).count(), 0, 'nothing is left to delete');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'deployment-failed-rolled-back.png'), fullPage: true });

      await page.waitForFunction(() =>
        /Failed/.test(
          document.querySelector('table[aria-label="Test installs of this spec"] tbody tr')?.textContent ?? '',
        ),
      );
      const cells = historyRows(page).first().locator('td');
      assert.equal(await cells.nth(4).innerText(), 'No');
      assert.equal(await page.getByText('Passed deployment test').count(), 0);

      const instance = await (
        await api('alice', `/iot/instances/${(await (await api('alice', `/iot/specs/${specId}/deployment-tests`)).json()).items[0].id}`)
      ).json();
      assert.equal(instance.status, 'failed');
      assert.equal(instance.error.nodeId, 'db');
      assert.ok(
        instance.resources.every((r: { status: string }) => r.status === 'deleted' || r.status === 'pending'),
        'the sandbox keeps nothing of it',
      );
    } catch (e) {
      await page.screenshot({ path: path.join(SCREENSHOTS, 'deployment-failure-FAILED.png'), fullPage: true });
      throw e;
    } finally {
      await context.close();
    }
  });
});
