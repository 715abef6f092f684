import {
  InvalidSpecGraphError,
  KubernetesOptions,
  planSpecGraph,
  resourceConfirmationTable,
  ResourceConfirmationRow,
  SpecGraph,
  SpecGraphProblem,
  SpecPlan,
  TerraformJson,
  toKubernetesManifests,
  toTerraformJson,
  validateSpecGraph,
} from '@internal/backstage-plugin-iot-common';
import { normalizeGroupRef } from '../catalog/IsvGroups';
import { graphETag } from './graphETag';
import { PreconditionFailedError } from '../http/errors';
import { ImagesService } from '../images/ImagesService';
import { SpecsService } from './SpecsService';

/** "3 problems: a | b | c", with the first ten messages (which contain ";"). */
export function problemsSummary(problems: SpecGraphProblem[]): string {
  const shown = problems.slice(0, 10).map(problem => problem.message);
  const more = problems.length - shown.length;
  return `${problems.length} problem${
    problems.length === 1 ? '' : 's'
  }: ${shown.join(' | ')}${more > 0 ? ` | and ${more} more` : ''}`;
}

/** A spec's graph and the entity tag of that version of it. */
export type TaggedGraph = { graph: SpecGraph; etag: string };

/**
 * The dependency graphs of specs (SPEC-7), without HTTP: saving only graphs
 * that pass `validateSpecGraph` against the registry and the images of the
 * spec's group, and what a saved graph becomes: its deployment plan, the
 * resource confirmation table, Terraform JSON and Kubernetes manifests.
 * Those throw `InvalidSpecGraphError` for a saved graph that is not valid
 * (imported or saved before the rules).
 */
export class SpecGraphService {
  private readonly specs: Pick<
    SpecsService,
    'getSpecWithGraph' | 'getSpecForGraphChange' | 'replaceGraph'
  >;
  private readonly images: Pick<ImagesService, 'imageVersions'>;
  private readonly kubernetes: KubernetesOptions;

  constructor(options: {
    specs: Pick<
      SpecsService,
      'getSpecWithGraph' | 'getSpecForGraphChange' | 'replaceGraph'
    >;
    images: Pick<ImagesService, 'imageVersions'>;
    /** Registry the Kubernetes manifests pull images from; iot-common's default when absent. */
    registry?: string;
  }) {
    this.specs = options.specs;
    this.images = options.images;
    this.kubernetes = options.registry ? { registry: options.registry } : {};
  }

  /** The spec's graph; NotFoundError without the spec. */
  async getGraph(specId: string): Promise<TaggedGraph> {
    const { graph } = await this.specs.getSpecWithGraph(specId);
    return { graph, etag: graphETag(graph) };
  }

  /**
   * Every problem of a graph for a spec of the group `ownerRef`: the
   * registry's rules, and the images it deploys must be succeeded versions
   * of that group's images, of the node's kind.
   */
  async problemsOf(
    graph: SpecGraph,
    ownerRef: string,
  ): Promise<SpecGraphProblem[]> {
    const names = graph.nodes.flatMap(node => {
      const image = node.properties.image as { name?: unknown } | undefined;
      return typeof image?.name === 'string' ? [image.name] : [];
    });
    const images = await this.images.imageVersions(names);
    return validateSpecGraph(graph, {
      images,
      owner: normalizeGroupRef(ownerRef),
    }).problems;
  }

  /**
   * Saves a spec's graph. With `ifMatch` (the entity tags of `If-Match`),
   * only while the saved graph is one of them (`*`: any), else
   * PreconditionFailedError; `InvalidSpecGraphError` with every problem;
   * ConflictError while the app is in review or published.
   */
  async saveGraph(
    specId: string,
    graph: SpecGraph,
    actorRef: string,
    options: { ifMatch?: string[] } = {},
  ): Promise<TaggedGraph> {
    const { spec, graph: current } = await this.specs.getSpecForGraphChange(
      specId,
    );
    const { ifMatch } = options;
    if (ifMatch) {
      const etag = graphETag(current);
      if (!ifMatch.includes('*') && !ifMatch.includes(etag)) {
        throw new PreconditionFailedError(
          `the dependency graph of spec '${
            spec.name
          }' changed since you loaded it (ETag now ${etag}, yours ${ifMatch.join(
            ', ',
          )}); load it again, redo your changes and save`,
        );
      }
    }
    const problems = await this.problemsOf(graph, spec.owner);
    if (problems.length > 0) {
      throw new InvalidSpecGraphError(problems);
    }
    const saved = await this.specs.replaceGraph(specId, graph, actorRef, {
      ifGraph: ifMatch ? current : undefined,
    });
    return { graph: saved.graph, etag: graphETag(saved.graph) };
  }

  /** The deployment plan of the saved graph. */
  async plan(specId: string): Promise<SpecPlan> {
    const { graph } = await this.specs.getSpecWithGraph(specId);
    return planSpecGraph(graph);
  }

  /** The resource confirmation table (MKT-4) of the saved graph. */
  async resources(specId: string): Promise<ResourceConfirmationRow[]> {
    const { graph } = await this.specs.getSpecWithGraph(specId);
    return resourceConfirmationTable(graph);
  }

  /** The saved graph as Terraform JSON, and the file name to offer. */
  async terraform(
    specId: string,
  ): Promise<{ fileName: string; terraform: TerraformJson }> {
    const { graph } = await this.specs.getSpecWithGraph(specId);
    return {
      fileName: `${specId}.tf.json`,
      terraform: toTerraformJson(graph),
    };
  }

  /**
   * The container workloads of the saved graph as Kubernetes manifests
   * (one YAML stream), and the file name to offer.
   */
  async kubernetesManifests(
    specId: string,
  ): Promise<{ fileName: string; manifests: string }> {
    const { graph } = await this.specs.getSpecWithGraph(specId);
    const manifests = toKubernetesManifests(graph, this.kubernetes);
    const header =
      `# Kubernetes manifests of spec ${specId}, exported by the IoT portal.\n` +
      '# Apply them once the Terraform export has created the cluster and its load balancers.\n';
    return {
      fileName: `${specId}.k8s.yaml`,
      manifests: manifests
        ? `${header}${manifests}`
        : `${header}# The spec has no container workloads: there is nothing to apply.\n`,
    };
  }
}
