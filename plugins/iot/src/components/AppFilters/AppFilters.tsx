import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Flex } from '@backstage/ui';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import SearchIcon from '@material-ui/icons/Search';
import {
  REVIEW_STATUSES,
  ReviewStatus,
} from '@internal/backstage-plugin-iot-common';
import { useId } from 'react';
import { iotTranslationRef } from '../../translation';

/** The list's search (APP-3); `reviewStatus` undefined means every status. */
export type AppFilterValues = {
  name: string;
  reviewStatus?: ReviewStatus;
};

export interface AppFiltersProps {
  value: AppFilterValues;
  onChange: (value: AppFilterValues) => void;
}

const ALL = 'all';

const useStyles = makeStyles({
  // wide enough for the label on one line, in both languages
  status: { minWidth: 160 },
});

/** Search by name and review status (APP-3). */
export function AppFilters(props: AppFiltersProps) {
  const { value, onChange } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const classes = useStyles();
  const searchId = useId();
  const statusId = useId();
  return (
    <Flex gap="3" align="end">
      <TextField
        id={searchId}
        type="search"
        label={t('appsPage.searchLabel')}
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
        className={classes.status}
        select
        label={t('fields.reviewStatus')}
        value={value.reviewStatus ?? ALL}
        onChange={event => {
          const status = event.target.value;
          onChange({
            ...value,
            reviewStatus: REVIEW_STATUSES.find(s => s === status),
          });
        }}
        SelectProps={{ native: true }}
      >
        <option value={ALL}>{t('appsPage.allStatuses')}</option>
        {REVIEW_STATUSES.map(status => (
          <option key={status} value={status}>
            {t(`reviewStatus.${status}`)}
          </option>
        ))}
      </TextField>
    </Flex>
  );
}
