// Browser test of a listing's life after approval (issue 7: REV-3 and the
// "new version while listed" part of the state machine), on the real
// backend with the demo seed's listed app Parking Finder (isv-acme, one
// listed spec). alice adds a tested spec and submits a new version from the
// Listing tab with a new summary and both specs; the app stays on the
// marketplace meanwhile (sam, an SI, still finds it; the Listing tab says a
// new version is in review); rita finds it in the Reviews queue filtered to
// new versions, reads the field-by-field changes against the listed
// version and approves; the Listing tab shows the new summary, both specs
// and the history. Then rita unlists one spec with a reason, alice unlists
// the app: sam no longer finds it, the owners are notified, the history
// says who, when and why. Last, illegal transitions answer 409 naming the
// state. The tests run in order: each starts where the one before ended.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
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

const postJson = (persona: string, route: string, body: unknown) =>
  api(persona, route, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

const APP = 'parking-finder';
const LISTING = `${BASE_URL}/catalog/default/iotapp/${APP}/listing`;
const CATALOG_APPS = `${BASE_URL}/catalog?filters%5Bkind%5D=iotapp&filters%5Buser%5D=all`;
const OLD_SUMMARY = 'Free parking bays on a map, with guidance to the nearest one.';
const NEW_SUMMARY = 'Free bays on a live map, guidance to the nearest, and garages too.';
const CLOUD = 'Parking Finder — cloud';
const GARAGE = 'Parking Finder — garage';
const SPEC_REASON = 'The garage spec points drivers to closed levels; fix its map before listing it again.';
const APP_REASON = 'We are moving Parking Finder into Smart Parking and retire it.';

/**
 * Opens `url` again until `check` holds: the catalog takes in a change of
 * the listing within a few seconds.
 */
async function reloadUntil(page: Page, url: string, what: string, check: () => Promise<boolean>) {
  const end = Date.now() + 30_000;
  for (;;) {
    await page.goto(url);
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out after 30 s waiting until ${what}`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

/** How many Parking Finder links the catalog's list of IoT apps shows the persona. */
async function parkingFinderInCatalog(page: Page): Promise<number> {
  // the table has loaded once an app, or the empty state, is shown
  await page.getByText(/Parking Finder|Smart Parking|No records to display/i).first().waitFor();
  return page.getByRole('link', { name: /Parking Finder/ }).count();
}

/** The specs the app's Overview card lists (those the persona may see), once it has loaded. */
async function specsOnOverview(page: Page): Promise<string[]> {
  const cloud = page.getByRole('link', { name: CLOUD });
  await cloud.waitFor();
  return page.getByRole('link', { name: /^Parking Finder — / }).allInnerTexts();
}

const historyEntries = (page: Page) => page.getByRole('list', { name: 'History' }).getByRole('listitem');

let garageId = '';

describe('listing after approval in Chromium', () => {
  it('alice submits a new version of listed Parking Finder; it stays listed until rita approves it from the new-version queue', { timeout: 480_000 }, async () => {
    // a second spec for the new version, with a passed test install
    const copied = await postJson('alice', `/iot/specs/${APP}-cloud/copy`, { name: GARAGE });
    assert.equal(copied.status, 201, await copied.clone().text());
    garageId = (await copied.json()).id;
    await passDeploymentTest(garageId);

    const browser = portal().browser;
    const alice = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    const rita = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    const sam = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    const shot = (page: Page, name: string) =>
      page.screenshot({ path: path.join(SCREENSHOTS, `listing-${name}.png`), fullPage: true });
    let current = alice;
    try {
      // alice: the listed app, and a new version of it
      await signIn(alice, 'alice');
      await alice.goto(LISTING);
      await alice.getByText(/^On the marketplace with "Parking Finder" since /).waitFor();
      assert.equal(await alice.getByLabel('Listing state').innerText(), 'Listed');
      assert.equal(await alice.getByRole('list', { name: 'Specs on the marketplace' }).innerText(), CLOUD);
      await alice.getByRole('button', { name: 'Submit a new version' }).click();
      let dialog = alice.getByRole('dialog');
      await dialog.getByText('Step 1 of 2: listing').waitFor();
      assert.equal(await dialog.getByRole('textbox', { name: /Listing name/ }).inputValue(), 'Parking Finder');
      const summary = dialog.getByRole('textbox', { name: /Summary/ });
      assert.equal(await summary.inputValue(), OLD_SUMMARY);
      await summary.fill(NEW_SUMMARY);
      await shot(alice, 'new-version-step-1');
      await dialog.getByRole('button', { name: 'Next' }).click();
      await dialog.getByText('Step 2 of 2: specs').waitFor();
      assert.equal(await dialog.getByRole('checkbox', { name: CLOUD }).isChecked(), true);
      await dialog.getByRole('checkbox', { name: GARAGE }).check();
      await dialog.getByRole('button', { name: 'Submit for review' }).click();
      await alice.getByText('Submitted "Parking Finder" for review.').waitFor();
      await dialog.waitFor({ state: 'detached' });

      // still on the marketplace as it was, with the new version in review
      assert.equal(await alice.getByLabel('Listing state').innerText(), 'Listed, update in review');
      await alice.getByText(/^On the marketplace with "Parking Finder" since /).waitFor();
      assert.equal(await alice.getByRole('list', { name: 'Specs on the marketplace' }).innerText(), CLOUD);
      await alice.getByText(`Summary: ${OLD_SUMMARY}`).waitFor();
      await alice
        .getByText(/^A new version \(submission 2\) waits for a reviewer since .+; the listing above stays on the marketplace until the new version is approved/)
        .waitFor();
      assert.equal(await alice.getByRole('button', { name: /^Submit/ }).count(), 0, 'one new version at a time');
      await shot(alice, 'new-version-in-review');
      // nor through the API: a second submission meanwhile is refused, naming the state
      const form = new FormData();
      form.set('listingName', 'Parking Finder');
      const second = await api('alice', `/iot/apps/${APP}/submissions`, { method: 'POST', body: form });
      assert.equal(second.status, 409);
      assert.match(
        (await second.json()).error.message,
        /^cannot submit app 'Parking Finder' \(parking-finder\): its listing is 'listed-update-in-review' — it is on the marketplace and a new version waits for a reviewer \(review rev-[a-z0-9]{20}\); 'submit' is allowed only from 'draft', 'rejected', 'unlisted', 'listed'$/,
      );

      // sam, an SI: the app is still in the catalog, with the listed spec only
      current = sam;
      await signIn(sam, 'sam');
      await sam.goto(CATALOG_APPS);
      assert.equal(await parkingFinderInCatalog(sam), 1);
      await sam.goto(`${BASE_URL}/catalog/default/iotapp/${APP}`);
      assert.deepEqual(await specsOnOverview(sam), [CLOUD]);

      // rita: notified of a new version; the queue filtered to new versions
      const [submittedNote] = await notificationsOf('rita');
      assert.equal(submittedNote?.payload.title, 'New version to review: Parking Finder');
      current = rita;
      await signIn(rita, 'rita');
      await rita.getByRole('link', { name: 'Reviews' }).first().click();
      const queue = rita.getByRole('table', { name: 'Review queue' });
      await queue.getByRole('link', { name: 'Cold Chain Monitor' }).waitFor();
      await rita.getByLabel('Kind').selectOption({ label: 'New version' });
      await rita.waitForFunction(
        () => !/Cold Chain Monitor/.test(document.querySelector('table[aria-label="Review queue"]')?.textContent ?? 'Cold Chain Monitor'),
      );
      const rows = queue.locator('tbody tr');
      assert.equal(await rows.count(), 1);
      assert.match(await rows.first().innerText(), /Parking Finder[\s\S]*New version/);
      await shot(rita, 'queue-new-versions');
      await queue.getByRole('link', { name: 'Parking Finder' }).click();

      // the new version against the listed one, field by field
      await rita.getByText('Round 2 · New version').waitFor();
      const changes = rita.getByRole('table', { name: 'Changes since round 1' });
      const changed = changes.locator('tbody tr');
      assert.equal(await changed.count(), 2, 'the summary and the choice of specs changed');
      assert.match(await changed.nth(0).innerText(), new RegExp(`^Summary\\s+${OLD_SUMMARY}\\s+${NEW_SUMMARY}$`));
      assert.match(await changed.nth(1).innerText(), new RegExp(`^Choice of specs\\s+Added: ${GARAGE}$`));
      await rita.getByText(/^Round 1: Approved on /).waitFor();
      await shot(rita, 'new-version-changes');
      await rita.getByRole('button', { name: 'Approve' }).click();
      dialog = rita.getByRole('dialog');
      await dialog
        .getByText(`This new version replaces the listing on the marketplace: Parking Finder with ${CLOUD}, ${GARAGE}.`, { exact: false })
        .waitFor();
      await dialog.getByRole('button', { name: 'Approve' }).click();
      await rita.getByText('Approved: Parking Finder is listed on the marketplace and its owners are notified.').waitFor();
      await dialog.waitFor({ state: 'detached' });

      // alice: notified; the Listing tab shows the new version with both specs
      const [approvedNote] = await notificationsOf('alice');
      assert.equal(approvedNote?.payload.title, 'Parking Finder is approved and listed');
      current = alice;
      await alice.reload();
      await alice.getByText(/^On the marketplace with "Parking Finder" since /).waitFor();
      assert.equal(await alice.getByLabel('Listing state').innerText(), 'Listed');
      await alice.getByText(`Summary: ${NEW_SUMMARY}`).waitFor();
      assert.equal(
        await alice.getByRole('list', { name: 'Specs on the marketplace' }).innerText(),
        `${CLOUD}\nUnlist spec\n${GARAGE}\nUnlist spec`,
        'both specs listed, either can be unlisted alone',
      );
      const history = historyEntries(alice);
      assert.equal(await history.count(), 4);
      assert.match(await history.nth(0).innerText(), /^Approved by rita[\s\S]*Listed, update in review → Listed/);
      assert.match(await history.nth(1).innerText(), /^Submitted by alice[\s\S]*Listed → Listed, update in review/);
      assert.match(await history.nth(2).innerText(), /^Approved by demo-seed[\s\S]*In review → Listed\nComment: Listed by the demo seed$/);
      assert.match(await history.nth(3).innerText(), /^Submitted by demo-seed[\s\S]*Not submitted → In review/);
      await shot(alice, 'new-version-listed');

      // sam finds both specs on the app's page
      current = sam;
      await reloadUntil(sam, `${BASE_URL}/catalog/default/iotapp/${APP}`, 'sam sees both specs', async () =>
        (await specsOnOverview(sam)).length === 2,
      );
    } catch (e) {
      await current.screenshot({ path: path.join(SCREENSHOTS, 'listing-FAILED.png'), fullPage: true });
      throw e;
    } finally {
      await alice.context().close();
      await rita.context().close();
      await sam.context().close();
    }
  });

  it('rita unlists one spec with a reason, alice unlists the app: sam no longer finds it, the owners are told, the history says who, when and why', { timeout: 300_000 }, async () => {
    assert.ok(garageId, 'the test before listed a second spec');
    const browser = portal().browser;
    const alice = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    const rita = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    const sam = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    const shot = (page: Page, name: string) =>
      page.screenshot({ path: path.join(SCREENSHOTS, `listing-${name}.png`), fullPage: true });
    let current = rita;
    try {
      // rita: one of the two listed specs, with a reason
      await signIn(rita, 'rita');
      await rita.goto(LISTING);
      const listed = rita.getByRole('list', { name: 'Specs on the marketplace' });
      await listed.getByText(GARAGE).waitFor();
      await rita.getByRole('button', { name: `Unlist spec ${GARAGE}` }).click();
      let dialog = rita.getByRole('dialog', { name: `Unlist spec ${GARAGE}` });
      await dialog.getByText(`Take spec ${GARAGE} off the marketplace? Parking Finder stays listed with its other specs`, { exact: false }).waitFor();
      await dialog.getByRole('button', { name: 'Unlist' }).click();
      await dialog.getByText('Say why it is taken off the marketplace').waitFor();
      await dialog.getByRole('textbox', { name: /Reason/ }).fill(SPEC_REASON);
      await dialog.getByRole('button', { name: 'Unlist' }).click();
      await rita.getByText(`Spec ${GARAGE} taken off the marketplace.`).waitFor();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await rita.getByLabel('Listing state').innerText(), 'Listed');
      assert.equal(await listed.innerText(), CLOUD);
      // the last listed spec is not offered: the app is unlisted instead
      assert.equal(await rita.getByRole('button', { name: /^Unlist spec / }).count(), 0);
      const specEntry = historyEntries(rita).first();
      assert.match(await specEntry.innerText(), new RegExp(`^Spec unlisted by rita[\\s\\S]*Listed → Listed · Spec ${GARAGE}[\\s\\S]*Reason: ${SPEC_REASON}`));
      await shot(rita, 'spec-unlisted');

      // alice is told, and sam sees the app with its other spec only
      const [specNote] = await notificationsOf('alice');
      assert.equal(specNote?.payload.title, `Spec ${GARAGE} of Parking Finder was unlisted`);
      assert.equal(
        specNote.payload.description,
        `Taken off the marketplace by user:default/rita: ${SPEC_REASON}. Running trials and deployments are not affected.`,
      );
      assert.equal(specNote.payload.link, `/catalog/default/iotapp/${APP}/listing`);
      current = sam;
      await signIn(sam, 'sam');
      await reloadUntil(sam, `${BASE_URL}/catalog/default/iotapp/${APP}`, 'sam no longer sees the garage spec', async () =>
        (await specsOnOverview(sam)).length === 1,
      );
      assert.deepEqual(await specsOnOverview(sam), [CLOUD]);

      // alice: the whole app
      current = alice;
      await signIn(alice, 'alice');
      await alice.goto(LISTING);
      await alice.getByRole('button', { name: 'Unlist', exact: true }).click();
      dialog = alice.getByRole('dialog', { name: 'Unlist Parking Finder' });
      await dialog.getByText('Take Parking Finder off the marketplace? Running trials go on', { exact: false }).waitFor();
      await dialog.getByRole('textbox', { name: /Reason/ }).fill(APP_REASON);
      await dialog.getByRole('button', { name: 'Unlist' }).click();
      await alice.getByText('Taken off the marketplace.').waitFor();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await alice.getByLabel('Listing state').innerText(), 'Unlisted');
      assert.equal(await alice.getByRole('list', { name: 'Specs on the marketplace' }).count(), 0);
      assert.equal(await alice.getByRole('button', { name: 'Submit again' }).count(), 1);
      const history = historyEntries(alice);
      assert.equal(await history.count(), 6);
      const appEntry = await history.nth(0).innerText();
      assert.match(appEntry, new RegExp(`^Unlisted by alice\\n.+ · Listed → Unlisted\\nReason: ${APP_REASON}$`));
      const [when] = await history.nth(0).locator('time').evaluateAll(els => els.map(el => el.getAttribute('datetime')));
      assert.ok(Date.now() - Date.parse(when ?? '') < 120_000, `the entry says when: ${when}`);
      assert.match(await history.nth(1).innerText(), /^Spec unlisted by rita/);
      await shot(alice, 'unlisted');

      // ada, of the owning group, is told; alice, who did it, is not
      const [appNote] = await notificationsOf('ada');
      assert.equal(appNote?.payload.title, 'Parking Finder was unlisted');
      assert.equal(
        appNote.payload.description,
        `Taken off the marketplace by user:default/alice: ${APP_REASON}. Running trials and deployments are not affected.`,
      );
      assert.equal((await notificationsOf('alice'))[0]?.payload.title, specNote.payload.title);

      // sam, an SI: gone from the catalog
      current = sam;
      await reloadUntil(sam, CATALOG_APPS, 'Parking Finder leaves the catalog for sam', async () =>
        (await parkingFinderInCatalog(sam)) === 0,
      );
      await sam.goto(`${BASE_URL}/catalog/default/iotapp/${APP}`);
      await sam.getByText(/not found/i).first().waitFor();
      await shot(sam, 'sam-after-unlisting');
    } catch (e) {
      await current.screenshot({ path: path.join(SCREENSHOTS, 'listing-FAILED.png'), fullPage: true });
      throw e;
    } finally {
      await alice.context().close();
      await rita.context().close();
      await sam.context().close();
    }
  });

  it('answers an illegal transition with 409 naming the state', { timeout: 60_000 }, async () => {
    const reviews = await (await api('rita', `/iot/reviews?appId=${APP}`)).json();
    const approved = reviews.items.find((review: { round: number }) => review.round === 2);
    assert.equal(approved?.status, 'approved');

    const again = await postJson('rita', `/iot/reviews/${approved.id}/approve`, {});
    assert.equal(again.status, 409);
    assert.match(
      (await again.json()).error.message,
      new RegExp(`^cannot approve review ${approved.id} of app 'Parking Finder': it was already approved by user:default/rita at .+; only a pending review can be decided$`),
    );

    const unlistAgain = await postJson('rita', `/iot/apps/${APP}/unlist`, { reason: 'Twice' });
    assert.equal(unlistAgain.status, 409);
    assert.match(
      (await unlistAgain.json()).error.message,
      /^cannot unlist app 'Parking Finder' \(parking-finder\): its listing is 'unlisted' — it was taken off the marketplace; 'unlist' is allowed only from 'listed', 'listed-update-in-review'$/,
    );
  });
});
