import { mockApis } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { errorMessage } from '../lib/errors';
import {
  exampleSpecGraph,
  listResourceTypes,
} from '@internal/backstage-plugin-iot-common';
import {
  IotApiClient,
  SpecGraphChangedError,
  SpecGraphInvalidError,
  UploadError,
} from './IotApiClient';

const BASE_URL = 'http://localhost:7007/api/iot';

function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** Stands in for XMLHttpRequest; the test answers with `respond`. */
class FakeXhr {
  static last: FakeXhr;
  method?: string;
  url?: string;
  headers: Record<string, string> = {};
  body?: FormData;
  status = 0;
  statusText = '';
  responseText = '';
  aborted = false;
  upload: { onprogress?: (event: Partial<ProgressEvent>) => void } = {};
  onload?: () => void;
  onerror?: () => void;
  onabort?: () => void;

  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  respond(status: number, body: string) {
    this.status = status;
    this.responseText = body;
    this.onload?.();
  }
}

describe('IotApiClient', () => {
  const realXhr = global.XMLHttpRequest;
  const fetchApi = { fetch: jest.fn() };
  const client = new IotApiClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi,
    identityApi: mockApis.identity({ token: 'alice-token' }),
  });

  beforeEach(() => {
    fetchApi.fetch.mockReset();
    global.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
  });
  afterEach(() => {
    global.XMLHttpRequest = realXhr;
  });

  /** Starts an upload and waits until the request is sent. */
  async function startUpload(
    options: Parameters<IotApiClient['uploadImage']>[1] = {},
  ) {
    // jest's jsdom File and its FormData come from different realms; a Blob
    // with a name is what FormData here accepts, and all the client needs.
    const file = Object.assign(new Blob(['docker save output']), {
      name: 'docker_app_1.0.tar',
    }) as File;
    const result = client.uploadImage(file, options);
    await new Promise(resolve => setTimeout(resolve, 0));
    return { result, xhr: FakeXhr.last, file };
  }

  it('asks for the resource types once, and again after a failure', async () => {
    const fresh = new IotApiClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
      fetchApi,
      identityApi: mockApis.identity({ token: 'alice-token' }),
    });
    fetchApi.fetch.mockResolvedValueOnce(jsonResponse(503, { error: {} }));
    await expect(fresh.getResourceTypes()).rejects.toThrow();
    fetchApi.fetch.mockImplementation(async () =>
      jsonResponse(200, { items: [{ id: 'vpc' }] }),
    );

    const [first, second] = await Promise.all([
      fresh.getResourceTypes(),
      fresh.getResourceTypes(),
    ]);
    expect(await fresh.getResourceTypes()).toBe(first);
    expect(second).toBe(first);
    expect(first.items).toEqual([{ id: 'vpc' }]);
    expect(fetchApi.fetch).toHaveBeenCalledTimes(2);
  });

  it('lists images with the filters as query parameters', async () => {
    fetchApi.fetch.mockResolvedValue(
      jsonResponse(200, { items: [], nextCursor: 'next' }),
    );
    await expect(
      client.listImages({
        name: 'park',
        status: 'failed',
        limit: 20,
        cursor: 'c1',
      }),
    ).resolves.toEqual({ items: [], nextCursor: 'next' });
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE_URL}/images?name=park&status=failed&limit=20&cursor=c1`,
      undefined,
    );
  });

  it('leaves out empty filters', async () => {
    fetchApi.fetch.mockResolvedValue(jsonResponse(200, { items: [] }));
    await client.listImages({ name: '' });
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE_URL}/images`,
      undefined,
    );
  });

  it('deletes a version and passes on the server refusal', async () => {
    fetchApi.fetch.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await client.deleteImageVersion('parking-server', '1.4.2+b1');
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE_URL}/images/parking-server/versions/1.4.2%2Bb1`,
      { method: 'DELETE' },
    );

    fetchApi.fetch.mockResolvedValueOnce(
      jsonResponse(409, {
        error: {
          name: 'ConflictError',
          message: 'version 1.4.2 is used by Smart Parking',
        },
        response: { statusCode: 409 },
      }),
    );
    const refusal = await client
      .deleteImageVersion('parking-server', '1.4.2')
      .catch(e => e);
    expect(refusal).toBeInstanceOf(ResponseError);
    expect(refusal.statusCode).toBe(409);
    expect(errorMessage(refusal)).toBe(
      'version 1.4.2 is used by Smart Parking',
    );
  });

  it('lists apps with the filters as query parameters', async () => {
    fetchApi.fetch.mockImplementation(async () =>
      jsonResponse(200, { items: [], nextCursor: null }),
    );
    await client.listApps({
      name: 'park',
      reviewStatus: 'in-review',
      limit: 20,
      cursor: 'c1',
    });
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE_URL}/apps?name=park&reviewStatus=in-review&limit=20&cursor=c1`,
      undefined,
    );
    await client.listApps();
    expect(fetchApi.fetch).toHaveBeenLastCalledWith(
      `${BASE_URL}/apps`,
      undefined,
    );
  });

  it('reads an app, the taxonomy and the specs of an app', async () => {
    fetchApi.fetch.mockImplementation(async () =>
      jsonResponse(200, { id: 'x' }),
    );
    await client.getApp('smart-parking');
    await client.getAppTaxonomy();
    await client.listSpecs('smart-parking');
    await client.getSpec('smart-parking-standard');
    expect(fetchApi.fetch.mock.calls.map(call => call[0])).toEqual([
      `${BASE_URL}/apps/smart-parking`,
      `${BASE_URL}/app-taxonomy`,
      `${BASE_URL}/apps/smart-parking/specs`,
      `${BASE_URL}/specs/smart-parking-standard`,
    ]);
  });

  it('sends app and spec changes as JSON', async () => {
    fetchApi.fetch.mockImplementation(async () =>
      jsonResponse(201, { id: 'created' }),
    );
    const app = {
      name: 'Smart Parking',
      industry: 'smart-city',
      scenario: 'parking',
      description: '',
    };
    const spec = {
      type: 'general' as const,
      deployLocation: 'edge-site' as const,
      name: 'Edge',
      description: 'On site',
      allowTrial: true,
    };

    await expect(client.createApp(app)).resolves.toEqual({ id: 'created' });
    await client.updateApp('smart-parking', { name: 'Parking' });
    await client.createSpec('smart-parking', spec);
    await client.updateSpec('smart-parking-edge', { allowTrial: false });
    await client.copySpec('smart-parking-edge', 'Edge (copy)');
    await client.copySpec('smart-parking-edge');

    const json = (method: string, body: unknown) => ({
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(fetchApi.fetch.mock.calls).toEqual([
      [`${BASE_URL}/apps`, json('POST', app)],
      [`${BASE_URL}/apps/smart-parking`, json('PATCH', { name: 'Parking' })],
      [`${BASE_URL}/apps/smart-parking/specs`, json('POST', spec)],
      [
        `${BASE_URL}/specs/smart-parking-edge`,
        json('PATCH', { allowTrial: false }),
      ],
      [
        `${BASE_URL}/specs/smart-parking-edge/copy`,
        json('POST', { name: 'Edge (copy)' }),
      ],
      [`${BASE_URL}/specs/smart-parking-edge/copy`, json('POST', {})],
    ]);
  });

  it('deletes apps and specs and passes on the refusal of a published app', async () => {
    fetchApi.fetch.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await client.deleteSpec('smart-parking-edge');
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      `${BASE_URL}/specs/smart-parking-edge`,
      { method: 'DELETE' },
    );

    fetchApi.fetch.mockResolvedValueOnce(
      jsonResponse(409, {
        error: {
          name: 'ConflictError',
          message: 'Smart Parking is published; unlist it before deleting',
        },
        response: { statusCode: 409 },
      }),
    );
    const refusal = await client.deleteApp('smart-parking').catch(e => e);
    expect(fetchApi.fetch).toHaveBeenLastCalledWith(
      `${BASE_URL}/apps/smart-parking`,
      { method: 'DELETE' },
    );
    expect(refusal).toBeInstanceOf(ResponseError);
    expect(errorMessage(refusal)).toBe(
      'Smart Parking is published; unlist it before deleting',
    );
  });

  it.each([
    ['attachment; filename="smart-parking-edge.zip"', 'smart-parking-edge.zip'],
    ['attachment; filename=edge.zip', 'edge.zip'],
    [
      `attachment; filename="spec.zip"; filename*=UTF-8''%E8%A7%84%E6%A0%BC.zip`,
      '规格.zip',
    ],
    [null, 'smart-parking-edge.zip'],
  ])(
    'exports a spec as a blob named by Content-Disposition %s',
    async (disposition, fileName) => {
      const headers: Record<string, string> = {
        'Content-Type': 'application/zip',
      };
      if (disposition) {
        headers['Content-Disposition'] = disposition;
      }
      fetchApi.fetch.mockResolvedValue(
        new Response('PK zip bytes', { status: 200, headers }),
      );
      const exported = await client.exportSpec('smart-parking-edge');
      expect(fetchApi.fetch).toHaveBeenCalledWith(
        `${BASE_URL}/specs/smart-parking-edge/export`,
        undefined,
      );
      expect(exported.fileName).toBe(fileName);
      expect(await exported.blob.text()).toBe('PK zip bytes');
    },
  );

  it('imports a spec archive as multipart with progress', async () => {
    const onProgress = jest.fn();
    const file = Object.assign(new Blob(['PK']), {
      name: 'edge.zip',
    }) as File;
    const result = client.importSpec('smart-parking', file, { onProgress });
    await new Promise(resolve => setTimeout(resolve, 0));
    const xhr = FakeXhr.last;

    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe(`${BASE_URL}/apps/smart-parking/specs/import`);
    expect(xhr.headers.Authorization).toBe('Bearer alice-token');
    expect(xhr.body?.get('file')).toEqual(
      expect.objectContaining({ name: 'edge.zip' }),
    );
    xhr.upload.onprogress?.({ loaded: 1, total: 2, lengthComputable: true });
    expect(onProgress).toHaveBeenCalledWith({ loaded: 1, total: 2 });

    xhr.respond(201, JSON.stringify({ id: 'smart-parking-edge-2' }));
    await expect(result).resolves.toEqual({ id: 'smart-parking-edge-2' });
  });

  it('rejects an import with the server message', async () => {
    const file = Object.assign(new Blob(['PK']), {
      name: 'edge.zip',
    }) as File;
    const result = client.importSpec('smart-parking', file);
    await new Promise(resolve => setTimeout(resolve, 0));
    FakeXhr.last.respond(
      400,
      JSON.stringify({
        error: {
          name: 'InputError',
          message: "archive entry '../evil' leaves the archive",
        },
      }),
    );
    await expect(result).rejects.toMatchObject({
      name: 'UploadError',
      statusCode: 400,
      message: "archive entry '../evil' leaves the archive",
    });
  });

  it('uploads the file as multipart with the token and reports progress', async () => {
    const onProgress = jest.fn();
    const { result, xhr, file } = await startUpload({ onProgress });

    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe(`${BASE_URL}/images`);
    expect(xhr.headers.Authorization).toBe('Bearer alice-token');
    expect(xhr.body?.get('file')).toEqual(
      expect.objectContaining({ name: file.name }),
    );

    xhr.upload.onprogress?.({ loaded: 10, total: 40, lengthComputable: true });
    expect(onProgress).toHaveBeenCalledWith({ loaded: 10, total: 40 });

    const uploaded = {
      name: 'app',
      version: '1.0',
      kind: 'docker',
      sizeBytes: 18,
      sha256: 'ab'.repeat(32),
      status: 'succeeded',
    };
    xhr.respond(201, JSON.stringify(uploaded));
    await expect(result).resolves.toEqual(uploaded);
  });

  it('rejects with the server message and status when the upload is refused', async () => {
    const { result, xhr } = await startUpload();
    xhr.respond(
      415,
      JSON.stringify({
        error: {
          name: 'ImageRuleError',
          message:
            "docker image must be a tar or gzip archive; got 'docker_app_1.0.tar'",
        },
      }),
    );
    const error = await result.catch(e => e);
    expect(error).toBeInstanceOf(UploadError);
    expect(error).toMatchObject({
      statusCode: 415,
      message:
        "docker image must be a tar or gzip archive; got 'docker_app_1.0.tar'",
    });
  });

  it('rejects with the status line when the body is not a Backstage error', async () => {
    const { result, xhr } = await startUpload();
    xhr.statusText = 'Payload Too Large';
    xhr.respond(413, '<html>too large</html>');
    await expect(result).rejects.toMatchObject({
      statusCode: 413,
      message: 'Request failed with status 413 Payload Too Large',
    });
  });

  it('aborts the request when the signal fires', async () => {
    const controller = new AbortController();
    const { result, xhr } = await startUpload({ signal: controller.signal });
    controller.abort();
    expect(xhr.aborted).toBe(true);
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reports a broken connection', async () => {
    const { result, xhr } = await startUpload();
    xhr.onerror?.();
    await expect(result).rejects.toMatchObject({ statusCode: 0 });
  });

  describe('spec dependency graphs', () => {
    const graph = exampleSpecGraph();
    const problem = {
      nodeId: 'subnet',
      property: 'name',
      rule: 'property-required',
      message:
        "node 'subnet' (Subnet): property 'name' is required; set it in the property panel",
    };

    it('reads the resource types', async () => {
      fetchApi.fetch.mockResolvedValue(jsonResponse(200, listResourceTypes()));
      const { items } = await client.getResourceTypes();
      expect(items.map(type => type.id)).toContain('container-workload');
      expect(fetchApi.fetch).toHaveBeenCalledWith(
        `${BASE_URL}/resource-types`,
        undefined,
      );
    });

    it('reads a graph with its entity tag', async () => {
      fetchApi.fetch.mockResolvedValue(
        jsonResponse(200, graph, { ETag: '"v1"' }),
      );
      await expect(
        client.getSpecGraph('smart-parking-standard'),
      ).resolves.toEqual({ graph, etag: '"v1"' });
      expect(fetchApi.fetch).toHaveBeenCalledWith(
        `${BASE_URL}/specs/smart-parking-standard/graph`,
        undefined,
      );
    });

    it('saves a graph with If-Match and returns the new entity tag', async () => {
      fetchApi.fetch.mockImplementation(async () =>
        jsonResponse(200, graph, { ETag: '"v2"' }),
      );
      await expect(
        client.saveSpecGraph('smart-parking-standard', graph, '"v1"'),
      ).resolves.toEqual({ graph, etag: '"v2"' });
      expect(fetchApi.fetch).toHaveBeenCalledWith(
        `${BASE_URL}/specs/smart-parking-standard/graph`,
        {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', 'If-Match': '"v1"' },
          body: JSON.stringify(graph),
        },
      );

      await client.saveSpecGraph('smart-parking-standard', graph);
      expect(fetchApi.fetch.mock.calls[1][1].headers).toEqual({
        'Content-Type': 'application/json',
      });
    });

    it('passes on every problem of a refused graph', async () => {
      fetchApi.fetch.mockResolvedValue(
        jsonResponse(400, {
          error: {
            name: 'InputError',
            message: `1 problem: ${problem.message}`,
          },
          response: { statusCode: 400 },
          problems: [problem],
        }),
      );
      const error = await client
        .saveSpecGraph('smart-parking-standard', graph)
        .catch(e => e);
      expect(error).toBeInstanceOf(SpecGraphInvalidError);
      expect(error.problems).toEqual([problem]);
      expect(error.message).toBe(`1 problem: ${problem.message}`);
    });

    it('tells a graph saved by someone else since from other refusals', async () => {
      fetchApi.fetch.mockResolvedValueOnce(
        jsonResponse(412, {
          error: {
            name: 'PreconditionFailedError',
            message: 'the dependency graph changed since you loaded it',
          },
          response: { statusCode: 412 },
        }),
      );
      const changed = await client
        .saveSpecGraph('smart-parking-standard', graph, '"v1"')
        .catch(e => e);
      expect(changed).toBeInstanceOf(SpecGraphChangedError);
      expect(changed.message).toBe(
        'the dependency graph changed since you loaded it',
      );

      fetchApi.fetch.mockResolvedValueOnce(
        jsonResponse(409, {
          error: { name: 'ConflictError', message: 'the app is in review' },
          response: { statusCode: 409 },
        }),
      );
      const frozen = await client
        .saveSpecGraph('smart-parking-standard', graph)
        .catch(e => e);
      expect(frozen).toBeInstanceOf(ResponseError);
      expect(errorMessage(frozen)).toBe('the app is in review');
    });

    it('reads the plan and the resources of the saved graph', async () => {
      fetchApi.fetch.mockImplementation(async () => jsonResponse(200, {}));
      await client.getSpecPlan('smart-parking-standard');
      await client.getSpecResources('smart-parking-standard');
      expect(fetchApi.fetch.mock.calls.map(call => call[0])).toEqual([
        `${BASE_URL}/specs/smart-parking-standard/plan`,
        `${BASE_URL}/specs/smart-parking-standard/resources`,
      ]);
    });

    it.each([
      ['terraform', 'smart-parking-standard.tf.json'],
      ['kubernetes', 'smart-parking-standard.k8s.yaml'],
    ] as const)(
      'downloads the %s export, named by the server or after the spec',
      async (format, fileName) => {
        fetchApi.fetch.mockResolvedValueOnce(
          new Response('exported', {
            status: 200,
            headers: {
              'Content-Disposition': `attachment; filename="${fileName}"`,
            },
          }),
        );
        const named = await client.downloadSpecExport(
          'smart-parking-standard',
          format,
        );
        expect(fetchApi.fetch).toHaveBeenCalledWith(
          `${BASE_URL}/specs/smart-parking-standard/exports/${format}`,
          undefined,
        );
        expect(named.fileName).toBe(fileName);
        expect(await named.blob.text()).toBe('exported');

        fetchApi.fetch.mockResolvedValueOnce(
          new Response('exported', { status: 200 }),
        );
        const unnamed = await client.downloadSpecExport(
          'smart-parking-standard',
          format,
        );
        expect(unnamed.fileName).toBe(fileName);
      },
    );
  });

  describe('deployment tests', () => {
    const instanceId = 'inst-3k9x0q2m7b1c5d8e4f6a';

    it('starts a test install and answers with the instance id', async () => {
      fetchApi.fetch.mockResolvedValue(jsonResponse(202, { instanceId }));
      await expect(
        client.startDeploymentTest('smart-parking-standard'),
      ).resolves.toBe(instanceId);
      expect(fetchApi.fetch).toHaveBeenCalledWith(
        `${BASE_URL}/specs/smart-parking-standard/deployment-tests`,
        { method: 'POST' },
      );
    });

    it('passes on the refusal of a graph that cannot be installed', async () => {
      fetchApi.fetch.mockResolvedValue(
        jsonResponse(409, {
          error: {
            name: 'ConflictError',
            message:
              'the saved dependency graph of spec smart-parking-standard has 1 problem; open it in the editor, fix them and save before testing a deployment',
          },
          response: { statusCode: 409 },
          problems: [],
        }),
      );
      const error = await client
        .startDeploymentTest('smart-parking-standard')
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(errorMessage(error)).toMatch(/fix them and save before testing/);
    });

    it('lists the test installs of a spec, page by page', async () => {
      fetchApi.fetch.mockImplementation(async () =>
        jsonResponse(200, { items: [], nextCursor: null }),
      );
      await client.listDeploymentTests('smart-parking-standard');
      await client.listDeploymentTests('smart-parking-standard', {
        limit: 20,
        cursor: instanceId,
      });
      expect(fetchApi.fetch.mock.calls.map(call => call[0])).toEqual([
        `${BASE_URL}/specs/smart-parking-standard/deployment-tests`,
        `${BASE_URL}/specs/smart-parking-standard/deployment-tests?limit=20&cursor=${instanceId}`,
      ]);
    });

    it('reads an instance and its events after an id', async () => {
      fetchApi.fetch.mockImplementation(async () =>
        jsonResponse(200, { items: [], nextCursor: null }),
      );
      await client.getInstance(instanceId);
      await client.listInstanceEvents(instanceId, { after: 42 });
      await client.listInstanceEvents(instanceId);
      expect(fetchApi.fetch.mock.calls.map(call => call[0])).toEqual([
        `${BASE_URL}/instances/${instanceId}`,
        `${BASE_URL}/instances/${instanceId}/events?after=42`,
        `${BASE_URL}/instances/${instanceId}/events`,
      ]);
    });

    it('deletes an instance and passes on a denial', async () => {
      fetchApi.fetch.mockResolvedValueOnce(
        jsonResponse(202, { id: instanceId, status: 'uninstalling' }),
      );
      await expect(client.deleteInstance(instanceId)).resolves.toMatchObject({
        status: 'uninstalling',
      });
      expect(fetchApi.fetch).toHaveBeenCalledWith(
        `${BASE_URL}/instances/${instanceId}`,
        { method: 'DELETE' },
      );

      fetchApi.fetch.mockResolvedValueOnce(
        jsonResponse(403, {
          error: {
            name: 'NotAllowedError',
            message: 'missing permission iot.app.update',
          },
          response: { statusCode: 403 },
        }),
      );
      const denied = await client.deleteInstance(instanceId).catch(e => e);
      expect(errorMessage(denied)).toBe('missing permission iot.app.update');
    });
  });
  describe('review and listing', () => {
    const reviewId = 'rev-0123456789abcdefghij';

    it('submits a listing as multipart: texts, one specIds field per spec, the images given', async () => {
      fetchApi.fetch.mockResolvedValue(jsonResponse(201, { id: reviewId }));
      const logo = Object.assign(new Blob(['PNG'], { type: 'image/png' }), {
        name: 'logo.png',
      }) as File;
      await expect(
        client.submitListing('smart-parking', {
          listingName: 'Smart Parking',
          summary: 'Free bays at a glance',
          specIds: ['smart-parking-standard', 'smart-parking-edge'],
          logo,
        }),
      ).resolves.toEqual({ id: reviewId });
      const [url, init] = fetchApi.fetch.mock.calls[0];
      expect(url).toBe(`${BASE_URL}/apps/smart-parking/submissions`);
      expect(init.method).toBe('POST');
      const body = init.body as FormData;
      expect(body.get('listingName')).toBe('Smart Parking');
      expect(body.get('summary')).toBe('Free bays at a glance');
      expect(body.getAll('specIds')).toEqual([
        'smart-parking-standard',
        'smart-parking-edge',
      ]);
      expect((body.get('logo') as File).name).toBe('logo.png');
      expect(body.has('showcaseImage')).toBe(false);
      expect(body.has('introImage')).toBe(false);
      // no Content-Type of our own: the browser sets the multipart boundary
      expect(init.headers).toBeUndefined();
    });

    it('passes on the refusal of a submission with the server message', async () => {
      fetchApi.fetch.mockResolvedValue(
        jsonResponse(413, {
          error: {
            name: 'PayloadTooLargeError',
            message: 'the logo is 150 KB (153,600 bytes); at most 100 KB',
          },
          response: { statusCode: 413 },
        }),
      );
      const error = await client
        .submitListing('smart-parking', {
          listingName: 'x',
          summary: 'y',
          specIds: ['smart-parking-standard'],
        })
        .catch(e => e);
      expect(errorMessage(error)).toBe(
        'the logo is 150 KB (153,600 bytes); at most 100 KB',
      );
    });

    it('reads the listing, unlists with a reason, lists and reads reviews', async () => {
      fetchApi.fetch.mockImplementation(async () =>
        jsonResponse(200, { items: [], nextCursor: null }),
      );
      await client.getListing('smart-parking');
      await client.unlistApp('smart-parking', { reason: 'outdated' });
      await client.listReviews();
      await client.listReviews({ status: 'pending', q: 'park', appId: '' });
      await client.getReview(reviewId);
      expect(fetchApi.fetch.mock.calls.map(call => call[0])).toEqual([
        `${BASE_URL}/apps/smart-parking/listing`,
        `${BASE_URL}/apps/smart-parking/unlist`,
        `${BASE_URL}/reviews`,
        `${BASE_URL}/reviews?status=pending&q=park`,
        `${BASE_URL}/reviews/${reviewId}`,
      ]);
      expect(fetchApi.fetch.mock.calls[1][1]).toEqual({
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ reason: 'outdated' }),
      });
    });

    it('approves and rejects with JSON bodies', async () => {
      fetchApi.fetch.mockImplementation(async () =>
        jsonResponse(200, { id: reviewId }),
      );
      await client.approveReview(reviewId);
      await client.rejectReview(reviewId, {
        reason: 'logo is blurry',
        flaggedFields: ['logo', 'spec:smart-parking-edge'],
      });
      expect(fetchApi.fetch.mock.calls).toEqual([
        [
          `${BASE_URL}/reviews/${reviewId}/approve`,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{}',
          },
        ],
        [
          `${BASE_URL}/reviews/${reviewId}/reject`,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              reason: 'logo is blurry',
              flaggedFields: ['logo', 'spec:smart-parking-edge'],
            }),
          },
        ],
      ]);
    });

    it('fetches a submission image through fetchApi as a blob', async () => {
      fetchApi.fetch.mockResolvedValue(
        new Response(new Uint8Array([0x89, 0x50]), {
          status: 200,
          headers: { 'Content-Type': 'image/png' },
        }),
      );
      const image = await client.getReviewImage(reviewId, 'logo');
      expect(fetchApi.fetch.mock.calls[0][0]).toBe(
        `${BASE_URL}/reviews/${reviewId}/images/logo`,
      );
      expect(image.mediaType).toBe('image/png');
      expect(image.blob.size).toBe(2);
    });
  });
});
