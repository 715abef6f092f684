import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Flex } from '@backstage/ui';
import {
  IMAGE_UPLOAD_STATUSES,
  ImageUploadStatus,
} from '@internal/backstage-plugin-iot-common';
import { iotTranslationRef } from '../../translation';
import { SearchFilter, SelectFilter } from '../ListFilters';

/** The list's search (IMG-4); `status` undefined means every status. */
export type ImageFilterValues = {
  name: string;
  status?: ImageUploadStatus;
};

export interface ImageFiltersProps {
  value: ImageFilterValues;
  onChange: (value: ImageFilterValues) => void;
}

/** Search by name and upload status (IMG-4). */
export function ImageFilters(props: ImageFiltersProps) {
  const { value, onChange } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  return (
    <Flex gap="3" align="end">
      <SearchFilter
        label={t('imageList.searchLabel')}
        value={value.name}
        onChange={name => onChange({ ...value, name })}
      />
      <SelectFilter
        label={t('imageList.statusLabel')}
        value={value.status}
        allLabel={t('imageList.allStatuses')}
        options={IMAGE_UPLOAD_STATUSES.map(status => ({
          value: status,
          label: t(`uploadStatus.${status}`),
        }))}
        onChange={status => onChange({ ...value, status })}
      />
    </Flex>
  );
}
