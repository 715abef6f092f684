import { parseEntityRef } from '@backstage/catalog-model';
import {
  LISTING_ACTIONS,
  LISTING_STATES,
  REVIEW_FORM_FIELDS,
  specIdOfReviewField,
} from '@internal/backstage-plugin-iot-common';
import type { StatusTone } from '../StatusChip';
import type { IotTranslate } from '../../lib/labels';

const isOneOf = <T extends string>(
  values: readonly T[],
  value: string,
): value is T => values.includes(value as T);

const stateTones: Record<(typeof LISTING_STATES)[number], StatusTone> = {
  draft: 'neutral',
  'in-review': 'info',
  listed: 'success',
  'listed-update-in-review': 'success',
  rejected: 'danger',
  unlisted: 'warning',
};

/** Label and colour of a listing state's chip. */
export function listingStateChip(t: IotTranslate, state: string) {
  return isOneOf(LISTING_STATES, state)
    ? { label: t(`listingState.${state}`), tone: stateTones[state] }
    : { label: state, tone: 'neutral' as const };
}

export function listingActionLabel(t: IotTranslate, action: string): string {
  return isOneOf(LISTING_ACTIONS, action)
    ? t(`listingAction.${action}`)
    : action;
}

/**
 * The label of a reviewed field: "Logo", "Spec Smart Parking — standard".
 * `specNames` maps spec ids to names where they are known.
 */
export function reviewFieldLabel(
  t: IotTranslate,
  field: string,
  specNames: Record<string, string> = {},
): string {
  const specId = specIdOfReviewField(field);
  if (specId !== undefined) {
    return t('reviewField.spec', { spec: specNames[specId] ?? specId });
  }
  return isOneOf(REVIEW_FORM_FIELDS, field) ? t(`reviewField.${field}`) : field;
}

/** "alice" for `user:default/alice`; the ref itself when it does not parse. */
export function actorName(ref: string | null | undefined): string {
  if (!ref) {
    return '';
  }
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}
