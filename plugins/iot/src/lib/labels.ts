import type { TranslationFunction } from '@backstage/frontend-plugin-api';
import {
  ANNOTATION_REVIEW_STATUS,
  DEPLOY_LOCATIONS,
  IMAGE_KINDS,
  IMAGE_UPLOAD_STATUSES,
  IotAppEntity,
  REVIEW_STATUSES,
  SPEC_TYPES,
} from '@internal/backstage-plugin-iot-common';
import type { StatusTone } from '../components/StatusChip';
import { iotTranslationRef } from '../translation';
import type { FieldProblem } from './forms';

export type IotTranslate = TranslationFunction<typeof iotTranslationRef.T>;

const isOneOf = <T extends string>(
  values: readonly T[],
  value: string | undefined,
): value is T => values.includes(value as T);

/** The label of a server-provided item (industry, resource type, flavour) in `language`. */
export function labelIn(
  item: { label: string; labelZh?: string },
  language: string,
): string {
  return language.startsWith('zh') && item.labelZh ? item.labelZh : item.label;
}

/** Free-text slugs such as industries: "smart-city" → "Smart city". */
export function humanizeSlug(slug: string): string {
  const words = slug.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toLocaleUpperCase() + words.slice(1);
}

const reviewTones: Record<(typeof REVIEW_STATUSES)[number], StatusTone> = {
  draft: 'neutral',
  'in-review': 'info',
  approved: 'success',
  rejected: 'danger',
  unlisted: 'warning',
};

/** An app without the annotation has not been submitted yet: a draft. */
export function reviewStatusOf(app: IotAppEntity): string {
  return app.metadata.annotations?.[ANNOTATION_REVIEW_STATUS] ?? 'draft';
}

export function reviewStatusChip(t: IotTranslate, status: string) {
  return isOneOf(REVIEW_STATUSES, status)
    ? { label: t(`reviewStatus.${status}`), tone: reviewTones[status] }
    : { label: status, tone: 'neutral' as const };
}

const uploadTones: Record<(typeof IMAGE_UPLOAD_STATUSES)[number], StatusTone> =
  {
    uploading: 'info',
    succeeded: 'success',
    failed: 'danger',
  };

export function uploadStatusChip(t: IotTranslate, status: string) {
  return isOneOf(IMAGE_UPLOAD_STATUSES, status)
    ? { label: t(`uploadStatus.${status}`), tone: uploadTones[status] }
    : { label: status, tone: 'neutral' as const };
}

export function specTypeLabel(t: IotTranslate, type: string): string {
  return isOneOf(SPEC_TYPES, type) ? t(`specType.${type}`) : type;
}

export function deployLocationLabel(t: IotTranslate, location: string) {
  return isOneOf(DEPLOY_LOCATIONS, location)
    ? t(`deployLocation.${location}`)
    : location;
}

export function imageKindLabel(t: IotTranslate, kind: string): string {
  return isOneOf(IMAGE_KINDS, kind) ? t(`imageKind.${kind}`) : kind;
}

export function yesNo(t: IotTranslate, value: boolean | undefined): string {
  return value ? t('values.yes') : t('values.no');
}

/** A duration such as the time left of an upload: "8 s", "3 min 20 s", "1 h 5 min". */
export function durationLabel(t: IotTranslate, totalSeconds: number): string {
  const seconds = Math.ceil(totalSeconds);
  if (seconds < 60) {
    return t('duration.seconds', { seconds: String(seconds) });
  }
  if (seconds < 3600) {
    return t('duration.minutes', {
      minutes: String(Math.floor(seconds / 60)),
      seconds: String(seconds % 60),
    });
  }
  return t('duration.hours', {
    hours: String(Math.floor(seconds / 3600)),
    minutes: String(Math.floor((seconds % 3600) / 60)),
  });
}

/** What a form says about a field that breaks a rule. */
export function fieldProblemText(t: IotTranslate, problem: FieldProblem) {
  switch (problem.problem) {
    case 'required':
      return t('forms.required');
    case 'too-long':
      return t('forms.tooLong', { max: String(problem.max) });
    default:
      return t('forms.controlCharacters');
  }
}
