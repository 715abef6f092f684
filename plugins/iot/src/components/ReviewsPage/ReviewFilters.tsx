import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Flex } from '@backstage/ui';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import SearchIcon from '@material-ui/icons/Search';
import {
  MAX_LISTING_NAME_LENGTH,
  REVIEW_DECISIONS,
  type ReviewDecision,
} from '@internal/backstage-plugin-iot-common';
import { useId } from 'react';
import { iotTranslationRef } from '../../translation';

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

const ALL = 'all';

const useStyles = makeStyles({
  // wide enough for the labels on one line, in both languages
  select: { minWidth: 180 },
});

export interface ReviewFiltersProps {
  value: ReviewFilterValues;
  onChange: (value: ReviewFilterValues) => void;
}

/** Search by listing or app name, decision, first listing or new version. */
export function ReviewFilters(props: ReviewFiltersProps) {
  const { value, onChange } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const classes = useStyles();
  const searchId = useId();
  const statusId = useId();
  const kindId = useId();
  return (
    <Flex gap="3" align="end" style={{ flexWrap: 'wrap' }}>
      <TextField
        id={searchId}
        type="search"
        label={t('reviewQueue.searchLabel')}
        value={value.q}
        inputProps={{ maxLength: MAX_LISTING_NAME_LENGTH }}
        onChange={event => onChange({ ...value, q: event.target.value })}
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
        className={classes.select}
        select
        label={t('reviewQueue.decisionLabel')}
        value={value.status ?? ALL}
        onChange={event =>
          onChange({
            ...value,
            status: REVIEW_DECISIONS.find(s => s === event.target.value),
          })
        }
        SelectProps={{ native: true }}
      >
        <option value={ALL}>{t('reviewQueue.anyDecision')}</option>
        {REVIEW_DECISIONS.map(status => (
          <option key={status} value={status}>
            {t(`reviewDecision.${status}`)}
          </option>
        ))}
      </TextField>
      <TextField
        id={kindId}
        className={classes.select}
        select
        label={t('reviewQueue.kindLabel')}
        value={value.update ?? ALL}
        onChange={event => {
          const kind = event.target.value;
          onChange({
            ...value,
            update: kind === 'true' || kind === 'false' ? kind : undefined,
          });
        }}
        SelectProps={{ native: true }}
      >
        <option value={ALL}>{t('reviewQueue.anyKind')}</option>
        <option value="false">{t('reviewQueue.firstListing')}</option>
        <option value="true">{t('reviewQueue.newVersion')}</option>
      </TextField>
    </Flex>
  );
}
