import {
  imagesOfGraph,
  IotSpecItem,
  MAX_SPEC_ARCHIVE_BYTES,
  SPEC_MANIFEST_VERSION,
  SpecImageUse,
  SpecManifest,
} from '@internal/backstage-plugin-iot-common';
import { Readable } from 'node:stream';
import { AppsService } from '../apps/AppsService';
import { ImagesService } from '../images/ImagesService';
import { readSpecArchive, writeSpecArchive } from './specArchive';
import { SpecsService } from './SpecsService';

/**
 * An imported spec deploys image versions its app's group does not have.
 * Carries the HTTP status the router answers with, like SpecArchiveError.
 */
export class SpecImportError extends Error {
  readonly status = 422;
  readonly rule = 'images-available';

  constructor(message: string) {
    super(message);
    this.name = 'SpecImportError';
  }
}

/**
 * Export and import of specs (SPEC-2, SPEC-5): a spec becomes a `.zip`
 * whose manifest (`iot-spec.json`) import turns back into an identical
 * spec, in the same app or another one.
 */
export class SpecTransferService {
  private readonly specs: Pick<
    SpecsService,
    'getSpecWithGraph' | 'createSpec' | 'freeName'
  >;
  private readonly apps: Pick<AppsService, 'getApp'>;
  private readonly images: Pick<ImagesService, 'unavailableVersions'>;

  constructor(options: {
    specs: Pick<SpecsService, 'getSpecWithGraph' | 'createSpec' | 'freeName'>;
    apps: Pick<AppsService, 'getApp'>;
    images: Pick<ImagesService, 'unavailableVersions'>;
  }) {
    this.specs = options.specs;
    this.apps = options.apps;
    this.images = options.images;
  }

  /** The spec as a `.zip` (SPEC-5), and the file name to offer. */
  async exportSpec(id: string): Promise<{ fileName: string; archive: Buffer }> {
    const { spec, graph } = await this.specs.getSpecWithGraph(id);
    const manifest: SpecManifest = {
      manifestVersion: SPEC_MANIFEST_VERSION,
      kind: 'IotSpec',
      exportedAt: new Date().toISOString(),
      source: { specId: spec.id, appId: spec.appId },
      spec: {
        type: spec.type,
        deployLocation: spec.deployLocation,
        name: spec.name,
        description: spec.description,
        allowTrial: spec.allowTrial,
      },
      graph,
      images: imagesOfGraph(graph),
    };
    return {
      fileName: `${spec.id}.zip`,
      archive: await writeSpecArchive(manifest),
    };
  }

  /**
   * Creates a spec in the app from an exported `.zip` (SPEC-2). The archive
   * is checked by `readSpecArchive` (size first, then structure and
   * manifest); every image version it deploys must be a succeeded version
   * of the app's group. A name the app already uses gets " (imported)".
   *
   * @throws SpecArchiveError or SpecImportError naming the rule broken.
   */
  async importSpec(
    appId: string,
    source: Readable,
    actorRef: string,
  ): Promise<IotSpecItem> {
    const app = await this.apps.getApp(appId);
    const manifest = await readSpecArchive(source, {
      maxBytes: MAX_SPEC_ARCHIVE_BYTES,
    });
    const uses = dedupe([...imagesOfGraph(manifest.graph), ...manifest.images]);
    const missing = await this.images.unavailableVersions(uses, app.owner);
    if (missing.length > 0) {
      throw new SpecImportError(
        `the spec deploys image versions ${
          app.owner
        } has not uploaded successfully: ${missing
          .map(use => `${use.name} ${use.version}`)
          .join(
            ', ',
          )}; upload them on the Images page, then import again (rule: images-available)`,
      );
    }
    const name = await this.specs.freeName(
      appId,
      manifest.spec.name,
      'imported',
    );
    return this.specs.createSpec(appId, { ...manifest.spec, name }, actorRef, {
      graph: manifest.graph,
      origin: {
        action: 'spec.imported',
        details: {
          ...(manifest.source ? { source: manifest.source } : {}),
          ...(manifest.exportedAt ? { exportedAt: manifest.exportedAt } : {}),
        },
      },
    });
  }
}

function dedupe(uses: SpecImageUse[]): SpecImageUse[] {
  return [
    ...new Map(uses.map(use => [`${use.name}@${use.version}`, use])).values(),
  ];
}
