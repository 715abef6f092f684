import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Flex } from '@backstage/ui';
import {
  MAX_LISTING_NAME_LENGTH,
  REVIEW_DECISIONS,
  type ReviewDecision,
} from '@internal/backstage-plugin-iot-common';
import { iotTranslationRef } from '../../translation';
import { SearchFilter, SelectFilter } from '../ListFilters';

/**
 * The queue's filters (REV-1): `status` undefined means every decision,
 * `update` undefined both first listings and new versions.
 */
export type ReviewFilterValues = {
  q: string;
  status?: ReviewDecision;
  update?: 'true' | 'false';
};

/** What the queue shows first: what waits for a reviewer. */
export const DEFAULT_REVIEW_FILTERS: ReviewFilterValues = {
  q: '',
  status: 'pending',
};

export interface ReviewFiltersProps {
  value: ReviewFilterValues;
  onChange: (value: ReviewFilterValues) => void;
}

/** Search by listing or app name, decision, first listing or new version. */
export function ReviewFilters(props: ReviewFiltersProps) {
  const { value, onChange } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  return (
    <Flex gap="3" align="end" style={{ flexWrap: 'wrap' }}>
      <SearchFilter
        label={t('reviewQueue.searchLabel')}
        value={value.q}
        maxLength={MAX_LISTING_NAME_LENGTH}
        onChange={q => onChange({ ...value, q })}
      />
      <SelectFilter
        label={t('reviewQueue.decisionLabel')}
        value={value.status}
        allLabel={t('reviewQueue.anyDecision')}
        options={REVIEW_DECISIONS.map(status => ({
          value: status,
          label: t(`reviewDecision.${status}`),
        }))}
        onChange={status => onChange({ ...value, status })}
      />
      <SelectFilter
        label={t('reviewQueue.kindLabel')}
        value={value.update}
        allLabel={t('reviewQueue.anyKind')}
        options={[
          { value: 'false', label: t('reviewQueue.firstListing') },
          { value: 'true', label: t('reviewQueue.newVersion') },
        ]}
        onChange={update => onChange({ ...value, update })}
      />
    </Flex>
  );
}
