import {
  imagesOfGraph,
  IotSpecItem,
  MAX_SPEC_ARCHIVE_BYTES,
  SPEC_MANIFEST_VERSION,
  SpecGraphProblem,
  SpecImageUse,
  SpecManifest,
} from '@internal/backstage-plugin-iot-common';
import { Readable } from 'node:stream';
import { AppsService } from '../apps/AppsService';
import { ImagesService } from '../images/ImagesService';
import { readSpecArchive, writeSpecArchive } from './specArchive';
import { problemsSummary, SpecGraphService } from './SpecGraphService';
import { SpecsService } from './SpecsService';

/**
 * An imported spec the app cannot have: it deploys image versions its
 * group does not have (`images-available`), or its graph breaks the rules
 * of dependency graphs (`graph`, with every problem). Carries the HTTP
 * status the router answers with, like SpecArchiveError.
 */
export class SpecImportError extends Error {
  readonly status = 422;
  readonly rule: 'images-available' | 'graph';
  readonly problems: SpecGraphProblem[];

  constructor(
    rule: 'images-available' | 'graph',
    message: string,
    problems: SpecGraphProblem[] = [],
  ) {
    super(message);
    this.name = 'SpecImportError';
    this.rule = rule;
    this.problems = problems;
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
  private readonly graphs: Pick<SpecGraphService, 'problemsOf'>;

  constructor(options: {
    specs: Pick<SpecsService, 'getSpecWithGraph' | 'createSpec' | 'freeName'>;
    apps: Pick<AppsService, 'getApp'>;
    images: Pick<ImagesService, 'unavailableVersions'>;
    graphs: Pick<SpecGraphService, 'problemsOf'>;
  }) {
    this.specs = options.specs;
    this.apps = options.apps;
    this.images = options.images;
    this.graphs = options.graphs;
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
   * of the app's group, and the graph must pass `validateSpecGraph` like a
   * saved one. A name the app already uses gets " (imported)".
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
        'images-available',
        `the spec deploys image versions ${
          app.owner
        } has not uploaded successfully: ${missing
          .map(use => `${use.name} ${use.version}`)
          .join(
            ', ',
          )}; upload them on the Images page, then import again (rule: images-available)`,
      );
    }
    const problems = await this.graphs.problemsOf(manifest.graph, app.owner);
    if (problems.length > 0) {
      throw new SpecImportError(
        'graph',
        `the spec's dependency graph has ${problemsSummary(
          problems,
        )}; fix the graph in the source spec, export it again and import the new file (rule: graph)`,
        problems,
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
