import {
  LISTING_IMAGE_FIELDS,
  ReviewField,
  ReviewFieldChange,
  specReviewField,
  SubmittedSpec,
} from '@internal/backstage-plugin-iot-common';
import { toImageInfo } from './reviewItems';
import { ReviewRecord } from './ReviewsStore';

/** The fields of a submitted spec a reviewer judges; `graphEtag` stands for the graph. */
const SPEC_FIELDS: (keyof SubmittedSpec)[] = [
  'name',
  'type',
  'deployLocation',
  'description',
  'allowTrial',
  'graphEtag',
];

/**
 * What changed, field by field, from the earlier submission `before` to
 * `after` (REV-1: "the reviewer sees what changed since the last review").
 * Each change says whether `before`'s rejection flagged that field.
 */
export function diffSubmissions(
  before: ReviewRecord,
  after: ReviewRecord,
): ReviewFieldChange[] {
  const flagged = new Set<ReviewField>(
    before.status === 'rejected' ? before.flaggedFields : [],
  );
  const changes: ReviewFieldChange[] = [];
  for (const field of ['listingName', 'summary'] as const) {
    if (before[field] !== after[field]) {
      changes.push({
        field,
        before: before[field],
        after: after[field],
        flagged: flagged.has(field),
      });
    }
  }
  for (const field of LISTING_IMAGE_FIELDS) {
    if (before.images[field].sha256 !== after.images[field].sha256) {
      changes.push({
        field,
        before: toImageInfo(before.id, before.images[field]),
        after: toImageInfo(after.id, after.images[field]),
        flagged: flagged.has(field),
      });
    }
  }
  const added = after.specIds.filter(id => !before.specIds.includes(id));
  const removed = before.specIds.filter(id => !after.specIds.includes(id));
  if (added.length > 0 || removed.length > 0) {
    changes.push({
      field: 'specs',
      added,
      removed,
      flagged: flagged.has('specs'),
    });
  }
  for (const spec of after.specs) {
    const earlier = before.specs.find(candidate => candidate.id === spec.id);
    if (!earlier) {
      continue;
    }
    const changed = SPEC_FIELDS.filter(key => earlier[key] !== spec[key]);
    if (changed.length > 0) {
      const field = specReviewField(spec.id);
      changes.push({
        field,
        specId: spec.id,
        changed,
        before: withoutGraph(earlier),
        after: withoutGraph(spec),
        flagged: flagged.has(field),
      });
    }
  }
  return changes;
}

/** A submitted spec without the graph it was stored with. */
export function withoutGraph(
  spec: SubmittedSpec & { graph?: unknown },
): SubmittedSpec {
  const { graph: _graph, ...fields } = spec;
  return fields;
}
