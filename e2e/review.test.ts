// Browser test of review and listing (issue 7: SPEC-9, REV-1..3), the whole
// loop on the real backend: alice (isv-acme) test-installs the demo spec
// Smart Parking — standard in the sandbox so that it has passed a
// deployment test, then submits Smart Parking from its Listing tab with
// pictures checked in the browser; rita (reviewers) is notified, finds it
// in the Reviews queue, reads the submission and rejects it with a reason
// and a flagged field; alice is notified, follows the notification to the
// Listing tab, sees both, replaces the logo and submits again; ada (in
// isv-acme and reviewers) opens it on the app's Review tab and is refused
// when she approves; rita follows her notification to the Review tab, sees
// what changed and approves; alice is notified and the Listing tab shows
// the app listed with its history. sam (an SI) is told the Reviews page and
// an app's Review tab are not his.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { deflateSync, crc32 } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import {
  api,
  BASE_URL,
  notificationsOf,
  passDeploymentTest,
  SCREENSHOTS,
  signIn,
  usePortal,
} from './harness.ts';

const portal = usePortal();

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A real RGB PNG of `width`×`height`: a gradient, or noise (which does not compress). */
function png(width: number, height: number, noise = false): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const at = row + 1 + x * 3;
      rows[at] = noise ? Math.floor(Math.random() * 256) : (x * 255) / width;
      rows[at + 1] = noise ? Math.floor(Math.random() * 256) : (y * 255) / height;
      rows[at + 2] = noise ? Math.floor(Math.random() * 256) : 160;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const file = (name: string, buffer: Buffer) => ({ name, mimeType: 'image/png', buffer });

/** The file input of the n-th picture of the submit dialog (logo, showcase, intro). */
const picture = (dialog: Locator, n: number) => dialog.locator('input[type="file"]').nth(n);

const LISTING = `${BASE_URL}/catalog/default/iotapp/smart-parking/listing`;
const REVIEW_TAB = `${BASE_URL}/catalog/default/iotapp/smart-parking/review`;
const REASON = 'The logo is cut off at the edges; send one with a margin.';

/** Opens the queue from the sidebar and the review of Smart Parking from it. */
async function openSmartParkingReview(page: Page) {
  await page.getByRole('link', { name: 'Reviews' }).first().click();
  const queue = page.getByRole('table', { name: 'Review queue' });
  await queue.waitFor();
  await page.getByLabel('Search listing or app name').fill('smart');
  await page.waitForFunction(
    () => !/Cold Chain Monitor/.test(document.querySelector('table[aria-label="Review queue"]')?.textContent ?? 'Cold Chain Monitor'),
  );
  await queue.getByRole('link', { name: 'Smart Parking' }).click();
  await page.getByRole('region', { name: 'Specs as submitted' }).waitFor();
}

/**
 * Opens the Notifications page from the sidebar and returns the link of the
 * newest notification titled `title` (the table links a title to its
 * notification's link).
 */
async function notificationLink(page: Page, title: string) {
  await page.getByRole('link', { name: /^Notifications/ }).first().click();
  const link = page.getByRole('link', { name: title, exact: true }).first();
  await link.waitFor();
  return link;
}

async function allPicturesShown(region: Locator) {
  await region.page().waitForFunction(
    el => {
      const images = [...el.querySelectorAll('img')];
      return images.length === 3 && images.every(img => img.complete && img.naturalWidth > 0);
    },
    await region.elementHandle(),
  );
}

describe('review and listing in Chromium', () => {
  it('alice submits, rita rejects with a flagged field, alice resubmits, rita approves: listed', { timeout: 480_000 }, async () => {
    // Smart Parking — standard passes a real test install; a copy of it has none
    await passDeploymentTest('smart-parking-standard');
    const copied = await api('alice', '/iot/specs/smart-parking-standard/copy', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Smart Parking — untested copy' }),
    });
    assert.equal(copied.status, 201, await copied.clone().text());

    const browser = portal().browser;
    const alice = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    const rita = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    const ada = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    const shot = (page: Page, name: string) =>
      page.screenshot({ path: path.join(SCREENSHOTS, `review-${name}.png`), fullPage: true });
    let current = alice;
    try {
      // alice: first submission, in two steps
      await signIn(alice, 'alice');
      await alice.goto(LISTING);
      await alice.getByText(/^Not submitted yet\./).waitFor();
      await alice.getByRole('button', { name: 'Submit for review' }).click();
      let dialog = alice.getByRole('dialog');
      await dialog.getByText('Step 1 of 2: listing').waitFor();
      assert.equal(await dialog.getByRole('textbox', { name: /Listing name/ }).inputValue(), 'Smart Parking');
      await dialog.getByRole('textbox', { name: /Summary/ }).fill('Free parking bays at a glance, and the way to them.');
      // a logo over 100 KB is refused before anything is sent
      await picture(dialog, 0).setInputFiles(file('big-logo.png', png(260, 200, true)));
      await dialog.getByText(/^logo must be at most 100 KB \(102,400 bytes\); got 1\d\d(\.\d)? KB/).waitFor();
      await picture(dialog, 0).setInputFiles(file('logo.png', png(96, 96)));
      await dialog.getByText('logo.png: 96 × 96 px', { exact: false }).waitFor();
      await picture(dialog, 1).setInputFiles(file('showcase.png', png(480, 270)));
      await picture(dialog, 2).setInputFiles(file('intro.png', png(640, 360)));
      await dialog.getByRole('img', { name: 'Preview of the Intro image' }).waitFor();
      await shot(alice, 'submit-step-1');
      await dialog.getByRole('button', { name: 'Next' }).click();
      await dialog.getByText('Step 2 of 2: specs').waitFor();
      const untested = dialog.getByRole('checkbox', { name: 'Smart Parking — untested copy' });
      await untested.waitFor();
      assert.equal(await untested.isDisabled(), true, 'a spec without a passed test cannot be chosen');
      await dialog.getByRole('checkbox', { name: 'Smart Parking — standard' }).check();
      await shot(alice, 'submit-step-2');
      await dialog.getByRole('button', { name: 'Submit for review' }).click();
      await alice.getByText('Submitted "Smart Parking" for review.').waitFor();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await alice.getByLabel('Listing state').innerText(), 'In review');
      await alice.getByText(/^Submission 1 waits for a reviewer since/).waitFor();

      // rita: notified, to the app's Review tab
      const [submittedNote] = await notificationsOf('rita');
      assert.equal(submittedNote?.payload.title, 'New submission to review: Smart Parking');
      assert.equal(submittedNote.payload.link, '/catalog/default/iotapp/smart-parking/review');
      current = rita;
      await signIn(rita, 'rita');
      assert.match(
        (await (await notificationLink(rita, 'New submission to review: Smart Parking')).getAttribute('href')) ?? '',
        /\/catalog\/default\/iotapp\/smart-parking\/review$/,
      );
      await shot(rita, 'notified');

      // rita: the queue, the submission, a rejection with a flagged field
      await openSmartParkingReview(rita);
      await rita.getByText('Round 1 · First listing').waitFor();
      await allPicturesShown(rita.getByRole('region', { name: 'Listing as submitted' }));
      await rita.getByText('Free parking bays at a glance, and the way to them.').waitFor();
      const spec = rita.getByRole('region', { name: 'Smart Parking — standard' });
      await spec.getByText(/^Passed its deployment test on /).waitFor();
      assert.match(
        await spec.getByRole('table', { name: /resources in the submitted graph/ }).innerText(),
        /parking-db[\s\S]*parking-server|parking-server[\s\S]*parking-db/,
      );
      await spec
        .getByRole('application', { name: 'Dependency graph of Smart Parking — standard as submitted' })
        .getByRole('group', { name: 'VPC parking-vpc' })
        .waitFor();
      await rita.getByText('The first submission of this app: there is nothing to compare with.').waitFor();
      await shot(rita, 'round-1');
      await rita.getByRole('button', { name: 'Reject' }).click();
      dialog = rita.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Reject' }).click();
      await dialog.getByText('Say what the ISV must change').waitFor();
      await dialog.getByRole('textbox', { name: /Reason/ }).fill(REASON);
      await dialog.getByRole('group', { name: 'Fields to fix' }).getByRole('checkbox', { name: 'Logo' }).check();
      await dialog.getByRole('button', { name: 'Reject' }).click();
      await rita.getByText('Rejected: the owners read your reason and see the fields to fix.').waitFor();
      await dialog.waitFor({ state: 'detached' });
      await rita.getByText(REASON).first().waitFor();

      // alice: notified of the rejection, which leads to the Listing tab
      const [rejectedNote] = await notificationsOf('alice');
      assert.equal(rejectedNote?.payload.title, 'Smart Parking was rejected');
      assert.equal(rejectedNote.payload.description, `Reason: ${REASON} — fields to fix: logo`);
      assert.equal(rejectedNote.payload.link, '/catalog/default/iotapp/smart-parking/listing');
      current = alice;
      await alice.reload();
      await (await notificationLink(alice, 'Smart Parking was rejected')).click();
      await alice.waitForURL(LISTING);

      // alice: the reason and the flagged field, a new logo, a second submission
      await alice.getByText(/^Rejected by rita on /).waitFor();
      assert.equal(await alice.getByLabel('Listing state').innerText(), 'Rejected');
      await alice.getByText(`Reason: ${REASON}`).first().waitFor();
      await alice.getByText('Fields to fix: Logo').first().waitFor();
      await shot(alice, 'rejected');
      await alice.getByRole('button', { name: 'Submit again' }).click();
      dialog = alice.getByRole('dialog');
      await dialog.getByText(`The reviewer rejected the last submission: ${REASON}`).waitFor();
      const flagged = dialog.locator('[data-flagged]');
      assert.equal(await flagged.count(), 1);
      assert.match(await flagged.innerText(), /Logo[\s\S]*Flagged by the reviewer: change this/);
      await picture(dialog, 0).setInputFiles(file('logo-with-margin.png', png(120, 120)));
      await dialog.getByText('logo-with-margin.png: 120 × 120 px', { exact: false }).waitFor();
      await dialog.getByRole('button', { name: 'Next' }).click();
      assert.equal(await dialog.getByRole('checkbox', { name: 'Smart Parking — standard' }).isChecked(), true);
      await dialog.getByRole('button', { name: 'Submit for review' }).click();
      await alice.getByText('Submitted "Smart Parking" for review.').waitFor();
      await alice.getByText(/^Submission 2 waits for a reviewer since/).waitFor();

      // ada, of alice's group and a reviewer: the Review tab offers Approve,
      // and the server refuses her
      current = ada;
      await signIn(ada, 'ada');
      await ada.goto(REVIEW_TAB);
      await ada.getByText('Round 2 · First listing').waitFor();
      await ada.getByRole('button', { name: 'Approve' }).click();
      dialog = ada.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Approve' }).click();
      const refusal = dialog.getByRole('alert');
      await refusal.getByText('The approval was refused').waitFor();
      assert.match(
        await refusal.innerText(),
        /user:default\/ada is a member of group:default\/isv-acme, which owns app 'Smart Parking'; nobody may approve a submission of their own group's app — another reviewer must decide/,
      );
      await shot(ada, 'own-group-refused');
      assert.equal((await (await api('ada', '/iot/apps/smart-parking/listing')).json()).state, 'in-review');
      // nor was she asked to: reviewers in the owning group are not told of its submissions
      assert.deepEqual(
        (await notificationsOf('ada')).map(n => n.payload.title).filter(title => title.includes('Smart Parking')),
        ['Smart Parking was rejected'],
      );

      // rita: notified again; the notification leads to the Review tab, with
      // what changed since the rejection, and she approves there
      current = rita;
      await rita.reload();
      await (await notificationLink(rita, 'New submission to review: Smart Parking')).click();
      await rita.waitForURL(REVIEW_TAB);
      await rita.getByText('Round 2 · First listing').waitFor();
      const changes = rita.getByRole('table', { name: 'Changes since round 1' });
      const logoRow = changes.locator('tbody tr');
      assert.equal(await logoRow.count(), 1, 'only the logo changed');
      assert.match(await logoRow.innerText(), /Logo[\s\S]*Flagged last time/);
      assert.match(await logoRow.innerText(), /96 × 96 px[\s\S]*120 × 120 px/);
      await rita.getByText(`Reason given then: ${REASON}`).waitFor();
      await shot(rita, 'round-2');
      await rita.getByRole('button', { name: 'Approve' }).click();
      dialog = rita.getByRole('dialog');
      await dialog.getByText('Smart Parking goes on the marketplace with Smart Parking — standard.', { exact: false }).waitFor();
      await dialog.getByRole('button', { name: 'Approve' }).click();
      await rita.getByText('Approved: Smart Parking is listed on the marketplace and its owners are notified.').waitFor();
      await dialog.waitFor({ state: 'detached' });
      await rita.getByRole('list', { name: 'History' }).getByText('Approved by rita').waitFor();
      assert.equal(await rita.getByRole('button', { name: 'Approve' }).count(), 0);

      // alice: notified of the approval, which leads to the Listing tab:
      // listed, with its spec and the whole history
      const [approvedNote] = await notificationsOf('alice');
      assert.equal(approvedNote?.payload.title, 'Smart Parking is approved and listed');
      assert.equal(approvedNote.payload.link, '/catalog/default/iotapp/smart-parking/listing');
      assert.equal((await notificationsOf('ada'))[0]?.payload.title, 'Smart Parking is approved and listed');
      current = alice;
      await alice.reload();
      await (await notificationLink(alice, 'Smart Parking is approved and listed')).click();
      await alice.waitForURL(LISTING);
      await alice.getByText(/^On the marketplace with "Smart Parking" since /).waitFor();
      assert.equal(await alice.getByLabel('Listing state').innerText(), 'Listed');
      assert.equal(
        await alice.getByRole('list', { name: 'Specs on the marketplace' }).innerText(),
        'Smart Parking — standard',
      );
      const history = alice.getByRole('list', { name: 'History' }).getByRole('listitem');
      assert.equal(await history.count(), 4);
      assert.match(await history.nth(0).innerText(), /^Approved by rita[\s\S]*In review → Listed/);
      assert.match(await history.nth(1).innerText(), /^Submitted by alice[\s\S]*Rejected → In review/);
      assert.match(await history.nth(2).innerText(), /^Rejected by rita[\s\S]*Fields to fix: Logo/);
      assert.match(await history.nth(3).innerText(), /^Submitted by alice[\s\S]*Not submitted → In review/);
      assert.equal(await alice.getByRole('button', { name: 'Submit a new version' }).count(), 1);
      assert.equal(await alice.getByRole('button', { name: 'Unlist', exact: true }).count(), 1);
      await shot(alice, 'listed');

      const listing = await (await api('alice', '/iot/apps/smart-parking/listing')).json();
      assert.equal(listing.state, 'listed');
      assert.deepEqual(listing.listed.specIds, ['smart-parking-standard']);
      const app = await (await api('alice', '/iot/apps/smart-parking')).json();
      assert.equal(app.reviewStatus, 'approved');
    } catch (e) {
      await current.screenshot({ path: path.join(SCREENSHOTS, 'review-FAILED.png'), fullPage: true });
      throw e;
    } finally {
      await alice.context().close();
      await rita.context().close();
      await ada.context().close();
    }
  });

  it("sam, an SI, is told the Reviews page and an app's Review tab are for the reviewers group", { timeout: 120_000 }, async () => {
    const page = await (await portal().browser.newContext()).newPage();
    try {
      await signIn(page, 'sam');
      await page.goto(`${BASE_URL}/iot/reviews`);
      const alert = page.getByRole('alert');
      await alert.getByText('The Reviews page is for the reviewers group').waitFor();
      assert.match(await alert.innerText(), /The server said: .*iot\.review\.read/);
      assert.equal(await page.getByRole('table', { name: 'Review queue' }).count(), 0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'review-not-allowed.png'), fullPage: true });

      // the listed demo app is his to see, its reviews are not
      await page.goto(`${BASE_URL}/catalog/default/iotapp/parking-finder/review`);
      const refusal = page.getByRole('alert');
      await refusal.getByText("The reviews of this app are for the reviewers group and the app's owners").waitFor();
      assert.match(await refusal.innerText(), /The server said: .*iot\.review\.read/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'review-tab-not-allowed.png'), fullPage: true });
    } finally {
      await page.context().close();
    }
  });
});
