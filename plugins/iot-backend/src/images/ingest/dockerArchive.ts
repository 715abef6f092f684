import { formatBytes, ImageRuleError } from './errors';
import { quote } from './fileName';
import { normalisePath, TarArchive } from './tarWalker';

/** Largest manifest.json or repositories file read. */
export const MAX_DOCKER_METADATA_BYTES = 1024 * 1024;

const MANIFEST = 'manifest.json';
const REPOSITORIES = 'repositories';

/** What a valid `docker save` archive says about its image. */
export type DockerArchiveSummary = {
  repoTags: string[];
  /** Distinct layers referenced. */
  layers: number;
};

/** Which tar entries the docker check needs the contents of; refuses oversized ones. */
export function collectDockerMetadata(path: string, size: number): boolean {
  if (path !== MANIFEST && path !== REPOSITORIES) {
    return false;
  }
  if (size > MAX_DOCKER_METADATA_BYTES) {
    throw refuse(
      `${path} is ${formatBytes(size)}; at most ${formatBytes(
        MAX_DOCKER_METADATA_BYTES,
      )} is read`,
    );
  }
  return true;
}

/**
 * Checks that a walked archive is a `docker save` archive: a manifest.json
 * whose Config and Layers are all present (classic `<id>/layer.tar` and OCI
 * `blobs/sha256/<hex>` layouts alike), or, for archives of old Docker
 * versions, a repositories file whose layer ids all have entries.
 */
export function checkDockerSave(archive: TarArchive): DockerArchiveSummary {
  const manifest = archive.collected.get(MANIFEST);
  if (manifest) {
    return checkManifest(archive, manifest);
  }
  const repositories = archive.collected.get(REPOSITORIES);
  if (repositories) {
    return checkRepositories(archive, repositories);
  }
  const names = [...archive.entries.keys()];
  const shown = names.slice(0, 5).map(name => quote(name));
  throw refuse(
    `not a docker save archive: it has neither manifest.json nor repositories at its root (it holds ${
      names.length === 0
        ? 'no entries'
        : `${shown.join(', ')}${names.length > 5 ? ', …' : ''}`
    })`,
  );
}

function checkManifest(
  archive: TarArchive,
  data: Buffer,
): DockerArchiveSummary {
  const items = parseJson(MANIFEST, data);
  if (!Array.isArray(items) || items.length === 0) {
    throw refuse(
      `manifest.json must be a non-empty JSON array of { Config, RepoTags, Layers }; got ${describe(
        items,
      )}`,
    );
  }
  const repoTags: string[] = [];
  const layers = new Set<string>();
  items.forEach((item, index) => {
    const where = `manifest.json item ${index}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw refuse(`${where} must be an object; got ${describe(item)}`);
    }
    const { Config, RepoTags, Layers } = item as Record<string, unknown>;
    if (typeof Config !== 'string' || Config === '') {
      throw refuse(`${where} has no Config path; got ${describe(Config)}`);
    }
    if (
      RepoTags !== null &&
      RepoTags !== undefined &&
      !(Array.isArray(RepoTags) && RepoTags.every(t => typeof t === 'string'))
    ) {
      throw refuse(
        `${where} has RepoTags that are not a list of strings; got ${describe(
          RepoTags,
        )}`,
      );
    }
    if (
      !Array.isArray(Layers) ||
      !Layers.every(l => typeof l === 'string' && l !== '')
    ) {
      throw refuse(
        `${where} has Layers that are not a list of paths; got ${describe(
          Layers,
        )}`,
      );
    }
    requirePresent(archive, Config, `config ${quote(Config)}`);
    for (const layer of Layers as string[]) {
      requirePresent(archive, layer, `layer ${quote(layer)}`);
      layers.add(layer);
    }
    repoTags.push(...((RepoTags as string[] | null | undefined) ?? []));
  });
  return { repoTags, layers: layers.size };
}

function checkRepositories(
  archive: TarArchive,
  data: Buffer,
): DockerArchiveSummary {
  const repositories = parseJson(REPOSITORIES, data);
  if (
    typeof repositories !== 'object' ||
    repositories === null ||
    Array.isArray(repositories)
  ) {
    throw refuse(
      `repositories must be a JSON object of { repository: { tag: layer id } }; got ${describe(
        repositories,
      )}`,
    );
  }
  const repoTags: string[] = [];
  const layerIds = new Set<string>();
  for (const [repository, tags] of Object.entries(repositories)) {
    if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
      throw refuse(
        `repositories entry ${quote(
          repository,
        )} must map tags to layer ids; got ${describe(tags)}`,
      );
    }
    for (const [tag, id] of Object.entries(tags as Record<string, unknown>)) {
      if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) {
        throw refuse(
          `repositories tag ${quote(
            `${repository}:${tag}`,
          )} must name a layer id; got ${describe(id)}`,
        );
      }
      repoTags.push(`${repository}:${tag}`);
      layerIds.add(id);
    }
  }
  const directories = new Set(
    [...archive.entries.keys()]
      .filter(path => path.includes('/'))
      .map(path => path.slice(0, path.indexOf('/'))),
  );
  for (const id of layerIds) {
    if (!directories.has(id)) {
      throw refuse(
        `repositories references layer ${quote(
          id,
        )}, but the archive has no entries under '${id}/'`,
      );
    }
  }
  const layers = [...directories].filter(directory =>
    archive.findFile(`${directory}/layer.tar`),
  ).length;
  return { repoTags, layers };
}

function requirePresent(archive: TarArchive, path: string, what: string) {
  if (!archive.findFile(path)) {
    const entry = archive.entries.get(normalisePath(path));
    throw refuse(
      entry
        ? `manifest.json references ${what}, which is a ${entry.type} in the archive, not a file`
        : `manifest.json references ${what}, which is not in the archive`,
    );
  }
}

function parseJson(file: string, data: Buffer): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch (error) {
    throw refuse(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function refuse(message: string) {
  return new ImageRuleError(
    422,
    'docker-save',
    `${message} (rule: docker-save)`,
  );
}
