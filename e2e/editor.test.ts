// Browser test of the spec dependency editor of issue 5 (SPEC-7), as a new
// ISV user goes through it: alice opens a fresh spec of Smart Parking,
// drags a VPC and a subnet from the palette onto the canvas, connects the
// subnet to the VPC (after the editor refused the edge the wrong way
// round), names both in the property panel, saves, reloads and finds the
// graph as she left it, drags a node (its edge follows; undo puts both
// back), and reads the plan; she downloads the Terraform JSON of the demo
// spec.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { api, BASE_URL, SCREENSHOTS, signIn, usePortal } from './harness.ts';

const portal = usePortal();

type Graph = {
  nodes: { id: string; type: string; properties: Record<string, unknown>; position?: { x: number; y: number } }[];
  edges: { source: string; target: string }[];
};

async function savedGraph(specId: string): Promise<Graph> {
  const res = await api('alice', `/iot/specs/${specId}/graph`);
  assert.equal(res.status, 200);
  return res.json();
}

/** Drags with the mouse from the centre of one element to the centre of another, in steps as a hand does. */
async function dragBetween(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 15 });
  await page.mouse.up();
}

const node = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const dependsOnHandle = (n: Locator) => n.getByLabel('Depends on: drag to what this resource needs');
const neededByHandle = (n: Locator) => n.getByLabel('Needed by: drop a dependency here');
const status = (page: Page) => page.getByRole('toolbar', { name: 'Dependency graph commands' }).getByRole('status');

describe('spec dependency editor in Chromium', () => {
  it('alice builds a graph on a fresh spec from the palette, fixes its problems, saves it and finds it after a reload', { timeout: 300_000 }, async () => {
    const created = await api('alice', '/iot/apps/smart-parking/specs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'custom',
        deployLocation: 'public-cloud',
        name: 'Editor E2E',
        description: 'Built in the dependency editor by the browser test.',
        allowTrial: false,
      }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const specId: string = (await created.json()).id;

    const context = await portal().browser.newContext({ viewport: { width: 1600, height: 1100 } });
    const page = await context.newPage();
    const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `editor-${name}.png`), fullPage: true });
    try {
      await signIn(page, 'alice');
      await page.goto(`${BASE_URL}/iot/specs/${specId}`);
      const canvas = page.getByRole('application', { name: 'Dependency graph' });
      await page.getByText(/Drag resources from the palette here/).waitFor();
      assert.match(await status(page).innerText(), /Valid/);
      await shot('empty');

      // palette → canvas, by drag and drop
      const palette = page.getByRole('complementary', { name: 'Resource palette' });
      await palette.getByText('VPC', { exact: true }).dragTo(canvas, { targetPosition: { x: 150, y: 200 } });
      const vpc = node(page, 'VPC vpc-1');
      await vpc.waitFor();
      await palette.getByText('Subnet', { exact: true }).dragTo(canvas, { targetPosition: { x: 420, y: 300 } });
      const subnet = node(page, 'Subnet subnet-1');
      await subnet.waitFor();
      const vpcBox = (await vpc.boundingBox())!;
      const subnetBox = (await subnet.boundingBox())!;
      assert.ok(subnetBox.x > vpcBox.x + vpcBox.width / 2, 'the subnet lies right of the VPC, where it was dropped');

      // both need a name; the subnet needs its VPC
      await page.waitForFunction(() => /3 problems/.test(document.querySelector('[role="toolbar"] [role="status"]')?.textContent ?? ''));
      const problems = page.getByRole('region', { name: /^Problems \(\d+\)$/ });
      assert.match(await problems.innerText(), /Required property missing/);
      assert.match(await problems.innerText(), /Missing dependency/);
      assert.equal(await page.getByRole('button', { name: 'Save' }).isDisabled(), true);
      await shot('problems');

      // the wrong way round is refused, with a hint
      await dragBetween(page, dependsOnHandle(vpc), neededByHandle(subnet));
      await page.getByText(/Did you mean the other way round\? Drag from subnet-1's left handle to vpc-1's right handle\./).waitFor();
      await shot('refused');

      // subnet → VPC
      await dragBetween(page, dependsOnHandle(subnet), neededByHandle(vpc));
      await page.waitForFunction(() => /2 problems/.test(document.querySelector('[role="toolbar"] [role="status"]')?.textContent ?? ''));

      // a problem leads to its node; the property panel fixes it
      await problems.getByRole('button', { name: 'Required property missing' }).first().click();
      const name = page.getByRole('tabpanel').getByRole('textbox', { name: 'Name', exact: true });
      await name.waitFor();
      const nameError = await name.getAttribute('aria-describedby');
      assert.ok(nameError, 'the name field says what is wrong with it');
      assert.match(await page.locator(`[id="${nameError}"]`).innerText(), /Required property missing: is required/);
      await name.fill('e2e-vpc');
      await subnet.click();
      await page.getByRole('tabpanel').getByRole('heading', { name: 'Subnet' }).waitFor();
      await name.fill('e2e-subnet');
      await page.waitForFunction(() => /Valid · Unsaved changes/.test(document.querySelector('[role="toolbar"] [role="status"]')?.textContent ?? ''));
      await shot('valid');

      // leaving asks first
      await page.getByRole('link', { name: 'Images' }).first().click();
      const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
      await leave.waitFor();
      await leave.getByRole('button', { name: 'Stay' }).click();
      assert.equal(new URL(page.url()).pathname, `/iot/specs/${specId}`);

      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Saved the dependency graph.').waitFor();
      await page.waitForFunction(() => !/Unsaved/.test(document.querySelector('[role="toolbar"] [role="status"]')?.textContent ?? ''));
      const saved = await savedGraph(specId);
      assert.deepEqual(saved.edges, [{ source: 'subnet-1', target: 'vpc-1' }]);
      assert.deepEqual(saved.nodes.map(n => [n.id, n.type, n.properties.name]), [
        ['vpc-1', 'vpc', 'e2e-vpc'],
        ['subnet-1', 'subnet', 'e2e-subnet'],
      ]);

      // after a reload, as she left it
      await page.reload();
      await node(page, 'VPC e2e-vpc').waitFor();
      await node(page, 'Subnet e2e-subnet').waitFor();
      await page.locator('.react-flow__edge[data-id="subnet-1->vpc-1"]').waitFor();
      assert.match(await status(page).innerText(), /^Valid$/);
      assert.deepEqual(await savedGraph(specId), saved);

      // a node dragged with the mouse takes its edge along; undo puts both back
      const subnetNode = node(page, 'Subnet e2e-subnet');
      const edgePath = page.locator('.react-flow__edge[data-id="subnet-1->vpc-1"] .react-flow__edge-path');
      const at = () => subnetNode.evaluate(el => (el as HTMLElement).style.transform);
      const before = { node: await at(), edge: await edgePath.getAttribute('d') };
      const grip = (await subnetNode.boundingBox())!;
      await page.mouse.move(grip.x + grip.width / 2, grip.y + 10);
      await page.mouse.down();
      await page.mouse.move(grip.x + grip.width / 2 + 80, grip.y + 90, { steps: 10 });
      await page.mouse.up();
      await page.waitForFunction(() => /Unsaved changes/.test(document.querySelector('[role="toolbar"] [role="status"]')?.textContent ?? ''));
      assert.notEqual(await at(), before.node);
      assert.notEqual(await edgePath.getAttribute('d'), before.edge);
      await shot('dragged');
      await page.getByRole('button', { name: 'Undo' }).click();
      await page.waitForFunction(() => !/Unsaved/.test(document.querySelector('[role="toolbar"] [role="status"]')?.textContent ?? ''));
      assert.equal(await at(), before.node);
      assert.equal(await edgePath.getAttribute('d'), before.edge);

      // the plan: the VPC first, then the subnet
      await page.getByRole('tab', { name: 'Plan' }).click();
      await page.getByText(/^2 resources, created in 2 levels/).waitFor();
      await page.getByRole('heading', { name: /^Critical path: 8 s$/ }).waitFor();
      assert.match(await page.getByRole('region', { name: 'Level 1' }).innerText(), /e2e-vpc/);
      assert.match(await page.getByRole('region', { name: 'Level 2' }).innerText(), /e2e-subnet/);
      await shot('plan');
    } catch (e) {
      await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-FAILED.png'), fullPage: true });
      throw e;
    } finally {
      await context.close();
    }
  });

  it('alice downloads the Terraform JSON of the demo spec', { timeout: 120_000 }, async () => {
    const context = await portal().browser.newContext({ viewport: { width: 1600, height: 1100 }, acceptDownloads: true });
    const page = await context.newPage();
    try {
      await signIn(page, 'alice');
      await page.goto(`${BASE_URL}/iot/specs/smart-parking-standard`);
      await node(page, 'Container workload parking-server').waitFor();
      await page.getByRole('tab', { name: 'Plan' }).click();
      await page.getByRole('heading', { name: /^Critical path: / }).waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-demo-plan.png'), fullPage: true });

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download Terraform JSON' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'smart-parking-standard.tf.json');
      const terraform = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
      assert.ok(terraform.resource.huaweicloud_vpc, 'the VPC is a huaweicloud_vpc resource');
      assert.ok(terraform.resource.huaweicloud_cce_cluster, 'the cluster is a huaweicloud_cce_cluster resource');
    } catch (e) {
      await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-download-FAILED.png'), fullPage: true });
      throw e;
    } finally {
      await context.close();
    }
  });
});
