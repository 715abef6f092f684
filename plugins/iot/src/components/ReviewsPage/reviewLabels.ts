import {
  REVIEW_DECISIONS,
  type IotReviewSummary,
} from '@internal/backstage-plugin-iot-common';
import type { IotTranslate } from '../../lib/labels';
import type { StatusTone } from '../StatusChip';

const decisionTones: Record<(typeof REVIEW_DECISIONS)[number], StatusTone> = {
  pending: 'info',
  approved: 'success',
  rejected: 'danger',
};

/** Label and colour of a submission's decision chip. */
export function reviewDecisionChip(t: IotTranslate, status: string) {
  const decision = REVIEW_DECISIONS.find(d => d === status);
  return decision
    ? { label: t(`reviewDecision.${decision}`), tone: decisionTones[decision] }
    : { label: status, tone: 'neutral' as const };
}

/** "First listing" or "New version" (REV-3). */
export function reviewKindLabel(
  t: IotTranslate,
  review: Pick<IotReviewSummary, 'isUpdate'>,
): string {
  return review.isUpdate
    ? t('reviewQueue.newVersion')
    : t('reviewQueue.firstListing');
}
