import { createServiceFactory } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createAppWithSpec } from '../__testUtils__/apps';
import { as, startIotBackend } from '../__testUtils__/testBackend';
import { largePng, sampleJpeg, samplePng } from './__testUtils__/pictures';

jest.setTimeout(120_000);

type Backend = Awaited<ReturnType<typeof startIotBackend>>;

/** Notifications the plugin sends, instead of the notifications backend. */
function collectNotifications(sent: NotificationSendOptions[]) {
  return createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      async send(options: NotificationSendOptions) {
        sent.push(options);
      },
    }),
  });
}

describe('review and listing routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const sent: NotificationSendOptions[] = [];
  let directory: string;
  let knex: Knex;
  let backend: Backend;
  let apps = 0;

  beforeAll(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'iot-reviews-'));
    knex = await databases.init('SQLITE_3');
    backend = await startIotBackend({
      directory,
      knex,
      features: [collectNotifications(sent)],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await fs.rm(directory, { recursive: true, force: true });
  });

  const api = () => request(backend.server);
  const get = (persona: string, url: string) =>
    api().get(`/api/iot${url}`).set('Authorization', as(persona));
  const post = (persona: string, url: string, body?: object) =>
    api().post(`/api/iot${url}`).set('Authorization', as(persona)).send(body);

  /** An app of alice's group with a spec that has `passed` a deployment test (really run, on the sandbox). */
  async function appWithSpec(passed = true) {
    const { app, spec } = await createAppWithSpec(backend.server, 'alice', {
      app: { name: `Listed ${++apps}` },
      images: [],
    });
    if (passed) {
      const started = await post('alice', `/specs/${spec.id}/deployment-tests`);
      expect(started.status).toBe(202);
      const deadline = Date.now() + 30_000;
      for (;;) {
        const instance = await get(
          'alice',
          `/instances/${started.body.instanceId}`,
        );
        if (instance.body.status === 'running') {
          break;
        }
        if (instance.body.status === 'failed' || Date.now() > deadline) {
          throw new Error(`deployment test ${instance.body.status}`);
        }
        await new Promise(resolve => setTimeout(resolve, 25));
      }
    }
    return { appId: app.id as string, specId: spec.id as string };
  }

  /** A multipart submission as `persona`; images as given (undefined: left out). */
  function submit(
    persona: string,
    appId: string,
    fields: { listingName?: string; summary?: string; specIds?: string[] },
    files: Partial<
      Record<'logo' | 'showcaseImage' | 'introImage', [Buffer, string]>
    > = {
      logo: [samplePng(64, 64), 'logo.png'],
      showcaseImage: [sampleJpeg(80, 48), 'showcase.jpg'],
      introImage: [samplePng(120, 60), 'intro.png'],
    },
  ) {
    let req = api()
      .post(`/api/iot/apps/${appId}/submissions`)
      .set('Authorization', as(persona));
    for (const [name, value] of Object.entries({
      listingName: 'Smart Listing',
      summary: 'Everything at a glance.',
      ...fields,
    })) {
      for (const part of Array.isArray(value) ? value : [value]) {
        req = req.field(name, part);
      }
    }
    for (const [name, [bytes, fileName]] of Object.entries(files)) {
      req = req.attach(name, bytes, fileName);
    }
    return req;
  }

  it('runs the whole loop: refused logo, submission, queue, rejection with a flag, resubmission with a diff, approval, notifications, catalog', async () => {
    const { appId, specId } = await appWithSpec();
    sent.splice(0);

    // a 150 KB logo: refused, saying which rule and how large it was
    const tooLarge = await submit(
      'alice',
      appId,
      { specIds: [specId] },
      {
        logo: [largePng(150 * 1024), 'logo.png'],
        showcaseImage: [sampleJpeg(), 'showcase.jpg'],
        introImage: [samplePng(), 'intro.png'],
      },
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.message).toMatch(
      /^logo must be at most 100 KB \(102,400 bytes\); got 15\d(\.\d)? KB \([\d,]+ bytes\) \(rule: size\)$/,
    );
    expect((await get('alice', `/apps/${appId}/listing`)).body.state).toBe(
      'draft',
    );

    // fixed, submitted: in review, in the queue, reviewers told
    const submitted = await submit('alice', appId, {
      summary: 'Parking at a glance',
      specIds: [specId],
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      id: expect.stringMatching(/^rev-[a-z0-9]{20}$/),
      appId,
      round: 1,
      status: 'pending',
      isUpdate: false,
      owner: 'group:default/isv-acme',
      specIds: [specId],
      logo: {
        format: 'png',
        width: 64,
        height: 64,
        path: `/reviews/${submitted.body.id}/images/logo`,
      },
      showcaseImage: { format: 'jpeg', mediaType: 'image/jpeg' },
    });
    const reviewId = submitted.body.id;
    expect(sent.map(n => n.recipients)).toEqual([
      {
        type: 'entity',
        entityRef: ['group:default/reviewers'],
        excludeEntityRef: 'user:default/alice',
      },
    ]);
    // to the app's Review tab, where the reviewer decides
    expect(sent[0].payload.link).toBe(
      `/catalog/default/iotapp/${appId}/review`,
    );
    const queue = await get('rita', '/reviews?status=pending');
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((r: any) => r.id)).toContain(reviewId);

    // rita reads it: specs as submitted with graph and passed test; images render
    const detail = await get('rita', `/reviews/${reviewId}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      listingState: 'in-review',
      previous: null,
      changes: [],
      specs: [
        {
          id: specId,
          exists: true,
          resourceCount: 4,
          deploymentTest: { status: 'running' },
          graph: { nodes: expect.any(Array), edges: expect.any(Array) },
        },
      ],
    });
    const logo = await get('rita', `/reviews/${reviewId}/images/logo`);
    expect(logo.status).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.headers['x-content-type-options']).toBe('nosniff');
    expect(logo.headers['content-security-policy']).toContain(
      "default-src 'none'",
    );
    expect(Buffer.from(logo.body).equals(samplePng(64, 64))).toBe(true);
    const showcase = await get(
      'rita',
      `/reviews/${reviewId}/images/showcaseImage`,
    );
    expect(showcase.headers['content-type']).toBe('image/jpeg');
    const unchanged = await get('rita', `/reviews/${reviewId}/images/logo`).set(
      'If-None-Match',
      logo.headers.etag,
    );
    expect(unchanged.status).toBe(304);

    // rejected with the summary flagged; alice reads the flag
    const rejected = await post('rita', `/reviews/${reviewId}/reject`, {
      reason: 'The summary does not say what the app does',
      flaggedFields: ['summary'],
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decidedBy: 'user:default/rita',
      flaggedFields: ['summary'],
    });
    const afterRejection = await get('alice', `/apps/${appId}/listing`);
    expect(afterRejection.body).toMatchObject({
      state: 'rejected',
      reviewStatus: 'rejected',
      actions: ['submit'],
      can: { submit: true, decide: false, unlist: false },
      lastRejection: {
        id: reviewId,
        reason: 'The summary does not say what the app does',
        flaggedFields: ['summary'],
      },
    });
    expect(sent.at(-1)).toMatchObject({
      recipients: { entityRef: 'group:default/isv-acme' },
      payload: {
        title: 'Smart Listing was rejected',
        description:
          'Reason: The summary does not say what the app does — fields to fix: summary',
        link: `/catalog/default/iotapp/${appId}/listing`,
        topic: 'iot-review',
      },
    });

    // resubmitted with a new summary, images carried over; rita sees the diff
    const resubmitted = await submit(
      'alice',
      appId,
      {
        summary: 'Guides drivers to free bays',
        specIds: [specId],
      },
      {},
    );
    expect(resubmitted.status).toBe(201);
    expect(resubmitted.body.round).toBe(2);
    expect(resubmitted.body.logo.sha256).toBe(submitted.body.logo.sha256);
    const second = await get('rita', `/reviews/${resubmitted.body.id}`);
    expect(second.body.previous).toMatchObject({
      id: reviewId,
      status: 'rejected',
    });
    expect(second.body.changes).toEqual([
      {
        field: 'summary',
        before: 'Parking at a glance',
        after: 'Guides drivers to free bays',
        flagged: true,
      },
    ]);

    // approved: listed, alice told, the catalog shows it
    const approved = await post(
      'rita',
      `/reviews/${resubmitted.body.id}/approve`,
      { comment: 'Clear now' },
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      reason: 'Clear now',
    });
    expect(sent.at(-1)).toMatchObject({
      recipients: { entityRef: 'group:default/isv-acme' },
      payload: { title: 'Smart Listing is approved and listed' },
    });
    const listing = await get('alice', `/apps/${appId}/listing`);
    expect(listing.body).toMatchObject({
      state: 'listed',
      reviewStatus: 'approved',
      listed: {
        review: { id: resubmitted.body.id },
        specIds: [specId],
      },
      pending: null,
      lastRejection: null,
    });
    expect(
      listing.body.history.map((h: any) => [
        h.action,
        h.from,
        h.to,
        h.actorRef,
      ]),
    ).toEqual([
      ['submit', 'draft', 'in-review', 'user:default/alice'],
      ['reject', 'in-review', 'rejected', 'user:default/rita'],
      ['submit', 'rejected', 'in-review', 'user:default/alice'],
      ['approve', 'in-review', 'listed', 'user:default/rita'],
    ]);
    expect((await get('alice', `/apps/${appId}`)).body.reviewStatus).toBe(
      'approved',
    );
    const entity = backend.events
      .flatMap(event => (event.eventPayload as any).upserted)
      .filter((e: any) => e.kind === 'IotApp' && e.metadata.name === appId)
      .at(-1);
    expect(entity).toMatchObject({
      metadata: { annotations: { 'iot.portal/review-status': 'approved' } },
      spec: { listedSpecs: [`iotspec:default/${specId}`] },
    });

    // the listed images are for every signed-in user; the older ones are not
    expect(
      (await get('sam', `/reviews/${resubmitted.body.id}/images/logo`)).status,
    ).toBe(200);
    expect((await get('sam', `/reviews/${reviewId}/images/logo`)).status).toBe(
      404,
    );
  });

  it('refuses fake and broken images by content, naming the rule', async () => {
    const { appId, specId } = await appWithSpec();
    const fields = { specIds: [specId] };
    const good = {
      logo: [samplePng(), 'logo.png'] as [Buffer, string],
      showcaseImage: [sampleJpeg(), 'showcase.jpg'] as [Buffer, string],
      introImage: [samplePng(), 'intro.png'] as [Buffer, string],
    };

    const jpegNamedPng = await submit('alice', appId, fields, {
      ...good,
      showcaseImage: [sampleJpeg(), 'showcase.png'],
    });
    expect(jpegNamedPng.status).toBe(415);
    expect(jpegNamedPng.body.error.message).toBe(
      "showcase image 'showcase.png' is named as PNG but its content is JPEG; export it as PNG or rename it (rule: extension)",
    );

    const jpegLogo = await submit('alice', appId, fields, {
      ...good,
      logo: [sampleJpeg(), 'logo.jpg'],
    });
    expect(jpegLogo.status).toBe(415);
    expect(jpegLogo.body.error.message).toContain('logo must be a PNG image');

    const text = await submit('alice', appId, fields, {
      ...good,
      introImage: [Buffer.from('just text, not a picture'), 'intro.png'],
    });
    expect(text.status).toBe(415);
    expect(text.body.error.message).toContain(
      'the content is neither PNG nor JPEG',
    );

    const truncated = await submit('alice', appId, fields, {
      ...good,
      introImage: [samplePng().subarray(0, 40), 'intro.png'],
    });
    expect(truncated.status).toBe(422);
    expect(truncated.body.error.message).toMatch(
      /truncated.*\(rule: structure\)/,
    );

    const missing = await submit('alice', appId, fields, {
      logo: good.logo,
      showcaseImage: good.showcaseImage,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe(
      "the intro image is required: send it in the multipart field 'introImage'",
    );

    const longSummary = await submit('alice', appId, {
      ...fields,
      summary: 'x'.repeat(91),
    });
    expect(longSummary.status).toBe(400);
    expect(longSummary.body.error.message).toBe(
      'invalid form fields: summary: must be at most 90 characters',
    );

    expect((await get('alice', `/apps/${appId}/listing`)).body).toMatchObject({
      state: 'draft',
      history: [],
    });
  });

  it('refuses a spec that has not passed a deployment test, naming it', async () => {
    const { appId, specId } = await appWithSpec(false);

    const response = await submit('alice', appId, { specIds: [specId] });

    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain(
      `(${specId}) has not passed a deployment test of its current dependency graph; run one first: POST /api/iot/specs/${specId}/deployment-tests`,
    );
  });

  it('lets only the owning group submit and only other reviewers decide', async () => {
    const { appId, specId } = await appWithSpec();

    expect(
      (await api().post(`/api/iot/apps/${appId}/submissions`)).status,
    ).toBe(401);
    // bob and sam may not even see alice's draft
    expect((await submit('bob', appId, { specIds: [specId] })).status).toBe(
      404,
    );
    expect((await submit('sam', appId, { specIds: [specId] })).status).toBe(
      404,
    );
    const byReviewer = await submit('rita', appId, { specIds: [specId] });
    expect(byReviewer.status).toBe(403);
    expect(byReviewer.body.error.message).toBe(
      `missing permission iot.app.submit on iotapp:default/${appId}`,
    );

    const submitted = await submit('alice', appId, { specIds: [specId] });
    expect(submitted.status).toBe(201);
    const reviewId = submitted.body.id;

    const byOwner = await post('alice', `/reviews/${reviewId}/approve`);
    expect(byOwner.status).toBe(403);
    expect(byOwner.body.error.message).toBe(
      'missing permission iot.review.decide',
    );
    // ada is in Acme and in the reviewers: not on Acme's apps
    const byColleague = await post('ada', `/reviews/${reviewId}/approve`);
    expect(byColleague.status).toBe(403);
    expect(byColleague.body.error.message).toMatch(
      /^user:default\/ada is a member of group:default\/isv-acme, which owns app/,
    );
    // in review: nobody may submit now; ada may not decide on her group's app
    expect((await get('ada', `/apps/${appId}/listing`)).body.can).toEqual({
      submit: false,
      decide: false,
      unlist: false,
    });
    expect((await get('rita', `/apps/${appId}/listing`)).body.can).toEqual({
      submit: false,
      decide: true,
      unlist: false,
    });

    // reviews are for reviewers and the owners
    expect((await get('bob', `/reviews/${reviewId}`)).status).toBe(404);
    expect((await get('bob', `/reviews/${reviewId}/images/logo`)).status).toBe(
      404,
    );
    expect((await get('alice', `/reviews/${reviewId}`)).status).toBe(200);
    expect((await get('sam', '/reviews')).status).toBe(403);
    // a draft's listing is as hidden as the draft
    expect((await get('sam', `/apps/${appId}/listing`)).status).toBe(404);
    expect((await get('bob', `/apps/${appId}/listing`)).status).toBe(404);
    expect(
      (await get('bob', '/reviews?status=pending')).body.items.map(
        (r: any) => r.appId,
      ),
    ).not.toContain(appId);

    const noReason = await post('rita', `/reviews/${reviewId}/reject`, {
      flaggedFields: ['logo'],
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('reason');
    const badField = await post('rita', `/reviews/${reviewId}/reject`, {
      reason: 'No',
      flaggedFields: ['colour'],
    });
    expect(badField.status).toBe(400);

    expect((await post('rita', `/reviews/${reviewId}/approve`)).status).toBe(
      200,
    );
    const twice = await post('rita', `/reviews/${reviewId}/reject`, {
      reason: 'Changed my mind',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(
      /^cannot reject review rev-\w+ of app .*: it was already approved by user:default\/rita/,
    );
  });

  it('answers 409 naming the state and the action for illegal transitions', async () => {
    const { appId, specId } = await appWithSpec();

    const unlistDraft = await post('alice', `/apps/${appId}/unlist`, {
      reason: 'Never mind',
    });
    expect(unlistDraft.status).toBe(409);
    expect(unlistDraft.body.error.message).toBe(
      `cannot unlist app '${`Listed ${apps}`}' (${appId}): its listing is 'draft' — it has never been submitted; 'unlist' is allowed only from 'listed', 'listed-update-in-review'`,
    );

    expect((await submit('alice', appId, { specIds: [specId] })).status).toBe(
      201,
    );
    const again = await submit('alice', appId, { specIds: [specId] });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(
      /its listing is 'in-review' — a submission waits for a reviewer \(review rev-\w+\); 'submit' is allowed only from 'draft', 'rejected', 'unlisted', 'listed'$/,
    );
  });

  it('keeps a listed app on the market while its new version is reviewed, and unlists specs and apps', async () => {
    const first = await appWithSpec();
    const { appId } = first;
    const spec2 = await post('alice', `/specs/${first.specId}/copy`, {});
    expect(spec2.status).toBe(201);
    const second = spec2.body.id as string;
    // the copy has not been tested yet: test it
    const test = await post('alice', `/specs/${second}/deployment-tests`);
    expect(test.status).toBe(202);
    for (let i = 0; i < 400; i++) {
      const spec = await get('alice', `/specs/${second}`);
      if (spec.body.passedDeploymentTest) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 25));
    }

    const v1 = await submit('alice', appId, {
      specIds: [first.specId, second],
    });
    expect(v1.status).toBe(201);
    expect((await post('rita', `/reviews/${v1.body.id}/approve`)).status).toBe(
      200,
    );

    const v2 = await submit(
      'alice',
      appId,
      { summary: 'Version two', specIds: [first.specId] },
      {},
    );
    expect(v2.status).toBe(201);
    expect(v2.body.isUpdate).toBe(true);
    expect(
      (await get('rita', '/reviews?update=true')).body.items.map(
        (r: any) => r.id,
      ),
    ).toEqual([v2.body.id]);
    const during = await get('alice', `/apps/${appId}/listing`);
    expect(during.body).toMatchObject({
      state: 'listed-update-in-review',
      reviewStatus: 'approved',
      listed: { review: { id: v1.body.id }, specIds: [first.specId, second] },
      pending: { id: v2.body.id },
    });
    expect(
      (await get('sam', `/reviews/${v1.body.id}/images/logo`)).status,
    ).toBe(200);
    // a listed app is public, its reviews are not: the refusal says why
    for (const persona of ['sam', 'bob']) {
      const refused = await get(persona, `/apps/${appId}/listing`);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        `missing permission iot.review.read on iotapp:default/${appId}`,
      );
    }

    // a rejected new version leaves the listing as it was
    expect(
      (
        await post('rita', `/reviews/${v2.body.id}/reject`, {
          reason: 'Keep both specs',
          flaggedFields: ['specs'],
        })
      ).status,
    ).toBe(200);
    expect((await get('alice', `/apps/${appId}/listing`)).body).toMatchObject({
      state: 'listed',
      listed: { review: { id: v1.body.id } },
      lastRejection: { id: v2.body.id, flaggedFields: ['specs'] },
    });

    // unlist one spec (alice), not the last one, then the app (rita)
    expect(
      (await post('bob', `/apps/${appId}/unlist`, { reason: 'Rival' })).status,
    ).toBe(404);
    expect(
      (await post('sam', `/apps/${appId}/unlist`, { reason: 'Buyer' })).status,
    ).toBe(404);
    const oneSpec = await post('alice', `/apps/${appId}/unlist`, {
      reason: 'The copy is not needed',
      specId: second,
    });
    expect(oneSpec.status).toBe(200);
    expect(oneSpec.body).toMatchObject({
      state: 'listed',
      listed: { specIds: [first.specId] },
    });
    const lastSpec = await post('alice', `/apps/${appId}/unlist`, {
      reason: 'All of it',
      specId: first.specId,
    });
    expect(lastSpec.status).toBe(409);
    expect(lastSpec.body.error.message).toContain('unlist the app instead');
    const unlisted = await post('rita', `/apps/${appId}/unlist`, {
      reason: 'Vendor contract ended',
    });
    expect(unlisted.status).toBe(200);
    expect(unlisted.body).toMatchObject({
      state: 'unlisted',
      reviewStatus: 'unlisted',
      listed: null,
      actions: ['submit'],
    });
    expect(unlisted.body.history.at(-1)).toMatchObject({
      action: 'unlist',
      actorRef: 'user:default/rita',
      reason: 'Vendor contract ended',
    });
    const { name } = (await get('alice', `/apps/${appId}`)).body;
    expect(sent.at(-1)).toMatchObject({
      recipients: {
        entityRef: 'group:default/isv-acme',
        excludeEntityRef: 'user:default/rita',
      },
      payload: {
        title: `${name} was unlisted`,
        link: `/catalog/default/iotapp/${appId}/listing`,
      },
    });
    expect(
      (await get('sam', `/reviews/${v1.body.id}/images/logo`)).status,
    ).toBe(404);
  });
});
