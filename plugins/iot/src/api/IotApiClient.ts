import type {
  DiscoveryApi,
  FetchApi,
  IdentityApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ListImagesResponse,
  UploadedImage,
} from '@internal/backstage-plugin-iot-common';
import type { IotApi } from './IotApi';
import type { ListImagesRequest, UploadImageOptions } from './types';

/**
 * A refused or failed upload. `message` is the server's, which names the
 * rule that failed; `statusCode` is 0 when no answer came back.
 *
 * @public
 */
export class ImageUploadError extends Error {
  readonly name = 'ImageUploadError';

  constructor(readonly statusCode: number, message: string) {
    super(message);
  }
}

/** The server's message from a Backstage error body `{ error: { message } }`. */
function uploadErrorOf(xhr: XMLHttpRequest): ImageUploadError {
  try {
    const message = JSON.parse(xhr.responseText)?.error?.message;
    if (typeof message === 'string' && message) {
      return new ImageUploadError(xhr.status, message);
    }
  } catch {
    // not JSON, e.g. a proxy's HTML page: fall through to the status line
  }
  return new ImageUploadError(
    xhr.status,
    `Request failed with status ${xhr.status} ${xhr.statusText}`.trim(),
  );
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
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(request)) {
      if (value !== undefined && value !== '') {
        query.set(key, String(value));
      }
    }
    const search = query.toString();
    const response = await this.request(
      search ? `/images?${search}` : '/images',
    );
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
    const { onProgress, signal } = options;
    signal?.throwIfAborted();
    const [baseUrl, { token }] = await Promise.all([
      this.discoveryApi.getBaseUrl('iot'),
      this.identityApi.getCredentials(),
    ]);
    signal?.throwIfAborted();
    const body = new FormData();
    body.append('file', file, file.name);

    return new Promise<UploadedImage>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const abort = () => xhr.abort();
      const settle = () => signal?.removeEventListener('abort', abort);
      xhr.open('POST', `${baseUrl}/images`);
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
              new ImageUploadError(
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
          new ImageUploadError(
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

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('iot');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
