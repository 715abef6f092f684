import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Flex } from '@backstage/ui';
import {
  REVIEW_STATUSES,
  ReviewStatus,
} from '@internal/backstage-plugin-iot-common';
import { iotTranslationRef } from '../../translation';
import { SearchFilter, SelectFilter } from '../ListFilters';

/** The list's search (APP-3); `reviewStatus` undefined means every status. */
export type AppFilterValues = {
  name: string;
  reviewStatus?: ReviewStatus;
};

export interface AppFiltersProps {
  value: AppFilterValues;
  onChange: (value: AppFilterValues) => void;
}

/** Search by name and review status (APP-3). */
export function AppFilters(props: AppFiltersProps) {
  const { value, onChange } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  return (
    <Flex gap="3" align="end">
      <SearchFilter
        label={t('appsPage.searchLabel')}
        value={value.name}
        onChange={name => onChange({ ...value, name })}
      />
      <SelectFilter
        label={t('fields.reviewStatus')}
        value={value.reviewStatus}
        allLabel={t('appsPage.allStatuses')}
        options={REVIEW_STATUSES.map(status => ({
          value: status,
          label: t(`reviewStatus.${status}`),
        }))}
        onChange={reviewStatus => onChange({ ...value, reviewStatus })}
      />
    </Flex>
  );
}
