import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Flex } from '@backstage/ui';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import {
  IMAGE_UPLOAD_STATUSES,
  ImageUploadStatus,
} from '@internal/backstage-plugin-iot-common';
import { useId } from 'react';
import { iotTranslationRef } from '../../translation';

/** The list's search (IMG-4); `status` undefined means every status. */
export type ImageFilterValues = {
  name: string;
  status?: ImageUploadStatus;
};

export interface ImageFiltersProps {
  value: ImageFilterValues;
  onChange: (value: ImageFilterValues) => void;
}

const ALL = 'all';

/** Search by name and upload status (IMG-4). */
export function ImageFilters(props: ImageFiltersProps) {
  const { value, onChange } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const searchId = useId();
  const statusId = useId();
  return (
    <Flex gap="3" align="end">
      <TextField
        id={searchId}
        type="search"
        label={t('imageList.searchLabel')}
        value={value.name}
        onChange={event => onChange({ ...value, name: event.target.value })}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" aria-hidden />
            </InputAdornment>
          ),
        }}
      />
      <TextField
        id={statusId}
        select
        label={t('imageList.statusLabel')}
        value={value.status ?? ALL}
        onChange={event => {
          const status = event.target.value;
          onChange({
            ...value,
            status: IMAGE_UPLOAD_STATUSES.find(s => s === status),
          });
        }}
        SelectProps={{ native: true }}
      >
        <option value={ALL}>{t('imageList.allStatuses')}</option>
        {IMAGE_UPLOAD_STATUSES.map(status => (
          <option key={status} value={status}>
            {t(`uploadStatus.${status}`)}
          </option>
        ))}
      </TextField>
    </Flex>
  );
}
