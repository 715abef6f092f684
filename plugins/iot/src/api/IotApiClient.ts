import type {
  DiscoveryApi,
  FetchApi,
  IdentityApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  AppTaxonomy,
  ApproveReviewRequest,
  CreateAppRequest,
  CreateSpecRequest,
  IotAppItem,
  IotAppListing,
  IotInstanceItem,
  IotInstanceSummary,
  IotReviewItem,
  IotReviewSummary,
  IotSpecItem,
  ListAppsResponse,
  ListDeploymentTestsResponse,
  ListImagesResponse,
  ListInstanceEventsResponse,
  ListResourceTypesResponse,
  ListReviewsResponse,
  ListSpecsResponse,
  ListingImageField,
  RejectReviewRequest,
  SpecGraph,
  SpecGraphProblem,
  SpecPlan,
  StartDeploymentTestResponse,
  UpdateAppRequest,
  UnlistRequest,
  UpdateSpecRequest,
  UploadedImage,
} from '@internal/backstage-plugin-iot-common';
import type { IotApi } from './IotApi';
import type {
  ExportedSpec,
  FetchedReviewImage,
  ImportSpecOptions,
  ListAppsRequest,
  ListDeploymentTestsRequest,
  ListImagesRequest,
  ListInstanceEventsRequest,
  ListReviewsRequest,
  ListSpecResourcesResponse,
  SpecExportFormat,
  SubmitListingRequest,
  TaggedSpecGraph,
  UploadImageOptions,
  UploadOptions,
} from './types';

/**
 * A refused or failed upload (image version or spec archive). `message` is
 * the server's, which names the rule that failed; `statusCode` is 0 when no
 * answer came back.
 *
 * @public
 */
export class UploadError extends Error {
  readonly name = 'UploadError';

  constructor(readonly statusCode: number, message: string) {
    super(message);
  }
}

/**
 * A dependency graph the server refused to save (400): `problems` lists
 * every one, each with the node, property or edge it is on.
 *
 * @public
 */
export class SpecGraphInvalidError extends Error {
  readonly name = 'SpecGraphInvalidError';

  constructor(message: string, readonly problems: SpecGraphProblem[]) {
    super(message);
  }
}

/**
 * A save refused because someone saved the graph since it was loaded
 * (412): reload it, or save again without an entity tag to overwrite.
 *
 * @public
 */
export class SpecGraphChangedError extends Error {
  readonly name = 'SpecGraphChangedError';
}

/** The server's message from a Backstage error body `{ error: { message } }`. */
function uploadErrorOf(xhr: XMLHttpRequest): UploadError {
  try {
    const message = JSON.parse(xhr.responseText)?.error?.message;
    if (typeof message === 'string' && message) {
      return new UploadError(xhr.status, message);
    }
  } catch {
    // not JSON, e.g. a proxy's HTML page: fall through to the status line
  }
  return new UploadError(
    xhr.status,
    `Request failed with status ${xhr.status} ${xhr.statusText}`.trim(),
  );
}

/** `path?query` without the undefined and empty values of `params`. */
function withQuery(path: string, params: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      query.set(key, String(value));
    }
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * The file name a Content-Disposition header gives, preferring the RFC 5987
 * `filename*` form that carries non-ASCII names.
 */
function fileNameOfContentDisposition(
  header: string | null,
): string | undefined {
  if (!header) {
    return undefined;
  }
  const extended = /filename\*\s*=\s*utf-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // malformed percent-encoding: try the plain form
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  const name = plain?.[2] ?? plain?.[1];
  return name?.trim() || undefined;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

const EXPORT_FILE_SUFFIXES: Record<SpecExportFormat, string> = {
  terraform: '.tf.json',
  kubernetes: '.k8s.yaml',
};

async function taggedGraphOf(response: Response): Promise<TaggedSpecGraph> {
  const graph: SpecGraph = await response.json();
  const etag = response.headers.get('ETag');
  return etag ? { graph, etag } : { graph };
}

/**
 * Talks to the `iot` backend plugin. Uploads use XMLHttpRequest, the only
 * browser API that reports upload progress, and so set the Backstage token
 * themselves instead of going through `fetchApi`.
 *
 * @public
 */
export class IotApiClient implements IotApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly identityApi: IdentityApi;
  /** The registry is fixed while the backend runs: asked once, unless that failed. */
  private resourceTypes: Promise<ListResourceTypesResponse> | undefined;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    identityApi: IdentityApi;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.identityApi = options.identityApi;
  }

  async listImages(
    request: ListImagesRequest = {},
  ): Promise<ListImagesResponse> {
    const response = await this.request(withQuery('/images', request));
    return response.json();
  }

  async deleteImageVersion(name: string, version: string): Promise<void> {
    await this.request(
      `/images/${encodeURIComponent(name)}/versions/${encodeURIComponent(
        version,
      )}`,
      { method: 'DELETE' },
    );
  }

  async uploadImage(
    file: File,
    options: UploadImageOptions = {},
  ): Promise<UploadedImage> {
    return this.upload('/images', file, options);
  }

  async listApps(request: ListAppsRequest = {}): Promise<ListAppsResponse> {
    const response = await this.request(withQuery('/apps', request));
    return response.json();
  }

  async getApp(appId: string): Promise<IotAppItem> {
    const response = await this.request(`/apps/${encodeURIComponent(appId)}`);
    return response.json();
  }

  async createApp(request: CreateAppRequest): Promise<IotAppItem> {
    return this.sendJson('POST', '/apps', request);
  }

  async updateApp(
    appId: string,
    request: UpdateAppRequest,
  ): Promise<IotAppItem> {
    return this.sendJson(
      'PATCH',
      `/apps/${encodeURIComponent(appId)}`,
      request,
    );
  }

  async deleteApp(appId: string): Promise<void> {
    await this.request(`/apps/${encodeURIComponent(appId)}`, {
      method: 'DELETE',
    });
  }

  async getAppTaxonomy(): Promise<AppTaxonomy> {
    const response = await this.request('/app-taxonomy');
    return response.json();
  }

  async listSpecs(appId: string): Promise<ListSpecsResponse> {
    const response = await this.request(
      `/apps/${encodeURIComponent(appId)}/specs`,
    );
    return response.json();
  }

  async getSpec(specId: string): Promise<IotSpecItem> {
    const response = await this.request(`/specs/${encodeURIComponent(specId)}`);
    return response.json();
  }

  async createSpec(
    appId: string,
    request: CreateSpecRequest,
  ): Promise<IotSpecItem> {
    return this.sendJson(
      'POST',
      `/apps/${encodeURIComponent(appId)}/specs`,
      request,
    );
  }

  async updateSpec(
    specId: string,
    request: UpdateSpecRequest,
  ): Promise<IotSpecItem> {
    return this.sendJson(
      'PATCH',
      `/specs/${encodeURIComponent(specId)}`,
      request,
    );
  }

  async deleteSpec(specId: string): Promise<void> {
    await this.request(`/specs/${encodeURIComponent(specId)}`, {
      method: 'DELETE',
    });
  }

  async copySpec(specId: string, name?: string): Promise<IotSpecItem> {
    return this.sendJson(
      'POST',
      `/specs/${encodeURIComponent(specId)}/copy`,
      name === undefined ? {} : { name },
    );
  }

  async exportSpec(specId: string): Promise<ExportedSpec> {
    const response = await this.request(
      `/specs/${encodeURIComponent(specId)}/export`,
    );
    return {
      blob: await response.blob(),
      fileName:
        fileNameOfContentDisposition(
          response.headers.get('Content-Disposition'),
        ) ?? `${specId}.zip`,
    };
  }

  async importSpec(
    appId: string,
    file: File,
    options: ImportSpecOptions = {},
  ): Promise<IotSpecItem> {
    return this.upload(
      `/apps/${encodeURIComponent(appId)}/specs/import`,
      file,
      options,
    );
  }

  getResourceTypes(): Promise<ListResourceTypesResponse> {
    if (!this.resourceTypes) {
      const loading = this.request('/resource-types').then(response =>
        response.json(),
      );
      this.resourceTypes = loading;
      // a failure is not kept: the next call (Retry) asks again
      loading.catch(() => {
        if (this.resourceTypes === loading) {
          this.resourceTypes = undefined;
        }
      });
    }
    return this.resourceTypes;
  }

  async getSpecGraph(specId: string): Promise<TaggedSpecGraph> {
    const response = await this.request(
      `/specs/${encodeURIComponent(specId)}/graph`,
    );
    return taggedGraphOf(response);
  }

  async saveSpecGraph(
    specId: string,
    graph: SpecGraph,
    etag?: string,
  ): Promise<TaggedSpecGraph> {
    const baseUrl = await this.discoveryApi.getBaseUrl('iot');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/specs/${encodeURIComponent(specId)}/graph`,
      {
        method: 'PUT',
        headers: etag ? { ...JSON_HEADERS, 'If-Match': etag } : JSON_HEADERS,
        body: JSON.stringify(graph),
      },
    );
    if (response.ok) {
      return taggedGraphOf(response);
    }
    const error = await ResponseError.fromResponse(response);
    const body = error.body as typeof error.body & { problems?: unknown };
    if (response.status === 400 && Array.isArray(body.problems)) {
      throw new SpecGraphInvalidError(
        body.error.message || error.message,
        body.problems as SpecGraphProblem[],
      );
    }
    if (response.status === 412) {
      throw new SpecGraphChangedError(body.error.message || error.message);
    }
    throw error;
  }

  async getSpecPlan(specId: string): Promise<SpecPlan> {
    const response = await this.request(
      `/specs/${encodeURIComponent(specId)}/plan`,
    );
    return response.json();
  }

  async getSpecResources(specId: string): Promise<ListSpecResourcesResponse> {
    const response = await this.request(
      `/specs/${encodeURIComponent(specId)}/resources`,
    );
    return response.json();
  }

  async downloadSpecExport(
    specId: string,
    format: SpecExportFormat,
  ): Promise<ExportedSpec> {
    const response = await this.request(
      `/specs/${encodeURIComponent(specId)}/exports/${format}`,
    );
    return {
      blob: await response.blob(),
      fileName:
        fileNameOfContentDisposition(
          response.headers.get('Content-Disposition'),
        ) ?? `${specId}${EXPORT_FILE_SUFFIXES[format]}`,
    };
  }

  async startDeploymentTest(specId: string): Promise<string> {
    const response = await this.request(
      `/specs/${encodeURIComponent(specId)}/deployment-tests`,
      { method: 'POST' },
    );
    const body: StartDeploymentTestResponse = await response.json();
    return body.instanceId;
  }

  async listDeploymentTests(
    specId: string,
    request: ListDeploymentTestsRequest = {},
  ): Promise<ListDeploymentTestsResponse> {
    const response = await this.request(
      withQuery(
        `/specs/${encodeURIComponent(specId)}/deployment-tests`,
        request,
      ),
    );
    return response.json();
  }

  async getInstance(instanceId: string): Promise<IotInstanceItem> {
    const response = await this.request(
      `/instances/${encodeURIComponent(instanceId)}`,
    );
    return response.json();
  }

  async listInstanceEvents(
    instanceId: string,
    request: ListInstanceEventsRequest = {},
  ): Promise<ListInstanceEventsResponse> {
    const response = await this.request(
      withQuery(`/instances/${encodeURIComponent(instanceId)}/events`, request),
    );
    return response.json();
  }

  async deleteInstance(instanceId: string): Promise<IotInstanceSummary> {
    const response = await this.request(
      `/instances/${encodeURIComponent(instanceId)}`,
      { method: 'DELETE' },
    );
    return response.json();
  }

  async submitListing(
    appId: string,
    request: SubmitListingRequest,
  ): Promise<IotReviewSummary> {
    // Texts first: the server reads them before the images it streams.
    const body = new FormData();
    body.append('listingName', request.listingName);
    body.append('summary', request.summary);
    for (const specId of request.specIds) {
      body.append('specIds', specId);
    }
    for (const field of ['logo', 'showcaseImage', 'introImage'] as const) {
      const file = request[field];
      if (file) {
        body.append(field, file, file.name);
      }
    }
    const response = await this.request(
      `/apps/${encodeURIComponent(appId)}/submissions`,
      { method: 'POST', body },
    );
    return response.json();
  }

  async getListing(appId: string): Promise<IotAppListing> {
    const response = await this.request(
      `/apps/${encodeURIComponent(appId)}/listing`,
    );
    return response.json();
  }

  async unlistApp(
    appId: string,
    request: UnlistRequest,
  ): Promise<IotAppListing> {
    return this.sendJson(
      'POST',
      `/apps/${encodeURIComponent(appId)}/unlist`,
      request,
    );
  }

  async listReviews(
    request: ListReviewsRequest = {},
  ): Promise<ListReviewsResponse> {
    const response = await this.request(withQuery('/reviews', request));
    return response.json();
  }

  async getReview(reviewId: string): Promise<IotReviewItem> {
    const response = await this.request(
      `/reviews/${encodeURIComponent(reviewId)}`,
    );
    return response.json();
  }

  async getReviewImage(
    reviewId: string,
    field: ListingImageField,
  ): Promise<FetchedReviewImage> {
    const response = await this.request(
      `/reviews/${encodeURIComponent(reviewId)}/images/${field}`,
    );
    const blob = await response.blob();
    return {
      blob,
      mediaType: response.headers.get('Content-Type') ?? blob.type,
    };
  }

  async approveReview(
    reviewId: string,
    request: ApproveReviewRequest = {},
  ): Promise<IotReviewSummary> {
    return this.sendJson(
      'POST',
      `/reviews/${encodeURIComponent(reviewId)}/approve`,
      request,
    );
  }

  async rejectReview(
    reviewId: string,
    request: RejectReviewRequest,
  ): Promise<IotReviewSummary> {
    return this.sendJson(
      'POST',
      `/reviews/${encodeURIComponent(reviewId)}/reject`,
      request,
    );
  }

  /** POSTs `file` as the multipart field `file`, reporting progress. */
  private async upload<T>(
    path: string,
    file: File,
    options: UploadOptions,
  ): Promise<T> {
    const { onProgress, signal } = options;
    signal?.throwIfAborted();
    const [baseUrl, { token }] = await Promise.all([
      this.discoveryApi.getBaseUrl('iot'),
      this.identityApi.getCredentials(),
    ]);
    signal?.throwIfAborted();
    const body = new FormData();
    body.append('file', file, file.name);

    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const abort = () => xhr.abort();
      const settle = () => signal?.removeEventListener('abort', abort);
      xhr.open('POST', `${baseUrl}${path}`);
      if (token) {
        xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      }
      xhr.upload.onprogress = event => {
        onProgress?.({
          loaded: event.loaded,
          total: event.lengthComputable ? event.total : file.size,
        });
      };
      xhr.onload = () => {
        settle();
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve(JSON.parse(xhr.responseText));
          } catch {
            reject(
              new UploadError(
                xhr.status,
                'The server sent an unreadable answer',
              ),
            );
          }
        } else {
          reject(uploadErrorOf(xhr));
        }
      };
      xhr.onerror = () => {
        settle();
        reject(
          new UploadError(
            0,
            'The connection to the portal broke off during the upload',
          ),
        );
      };
      xhr.onabort = () => {
        settle();
        reject(new DOMException('The upload was cancelled', 'AbortError'));
      };
      signal?.addEventListener('abort', abort, { once: true });
      xhr.send(body);
    });
  }

  private async sendJson<T>(
    method: 'POST' | 'PATCH',
    path: string,
    body: unknown,
  ): Promise<T> {
    const response = await this.request(path, {
      method,
      headers: JSON_HEADERS,
      body: JSON.stringify(body),
    });
    return response.json();
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('iot');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
