import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type {
  IotReviewItem,
  ReviewFieldChange,
  SubmittedSpec,
} from '@internal/backstage-plugin-iot-common';
import { ReactNode } from 'react';
import { formatDateTime } from '../../lib/format';
import {
  deployLocationLabel,
  specTypeLabel,
  yesNo,
  type IotTranslate,
} from '../../lib/labels';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';
import { reviewFieldLabel } from '../ListingContent';
import { ReviewImage } from './ReviewImage';
import { reviewDecisionChip } from '../ReviewsPage/reviewLabels';

const useStyles = makeStyles(theme => ({
  flagged: {
    borderLeft: `3px solid ${theme.palette.error.main}`,
  },
  cell: { verticalAlign: 'top' },
}));

/** One field of a submitted spec, as a reviewer reads it. */
function specFieldValue(
  t: IotTranslate,
  spec: SubmittedSpec,
  key: keyof SubmittedSpec,
): string {
  switch (key) {
    case 'type':
      return specTypeLabel(t, spec.type);
    case 'deployLocation':
      return deployLocationLabel(t, spec.deployLocation);
    case 'allowTrial':
      return yesNo(t, spec.allowTrial);
    case 'graphEtag':
      return t('reviewDetail.resources', { count: spec.resourceCount });
    default:
      return String(spec[key] ?? '');
  }
}

function specFieldLabel(t: IotTranslate, key: keyof SubmittedSpec): string {
  switch (key) {
    case 'name':
      return t('fields.name');
    case 'type':
      return t('fields.type');
    case 'deployLocation':
      return t('fields.deployLocation');
    case 'description':
      return t('fields.description');
    case 'allowTrial':
      return t('submitDialog.trial');
    case 'graphEtag':
      return t('reviewDetail.graphChanged');
    default:
      return key;
  }
}

/** "Name: a", one line per changed field of a spec. */
function SpecFieldLines(props: {
  spec: SubmittedSpec;
  keys: (keyof SubmittedSpec)[];
}) {
  const { t } = useTranslationRef(iotTranslationRef);
  return (
    <Flex direction="column" gap="1">
      {props.keys.map(key => (
        <Text key={key} variant="body-small">
          {`${specFieldLabel(t, key)}: ${specFieldValue(t, props.spec, key)}`}
        </Text>
      ))}
    </Flex>
  );
}

/**
 * What changed since the app's previous decided submission (REV-1, REV-3):
 * for a new version of a listed app, the difference with the listing on
 * the marketplace; after a rejection, whether the flagged fields changed.
 */
export function ReviewChanges(props: { review: IotReviewItem }) {
  const { review } = props;
  const { previous, changes } = review;
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  const classes = useStyles();

  if (!previous) {
    return (
      <Text as="p" color="secondary">
        {t('reviewDetail.firstSubmission')}
      </Text>
    );
  }

  const specNames: Record<string, string> = {};
  for (const change of changes) {
    if ('specId' in change) {
      specNames[change.specId] = change.after.name;
    }
  }
  for (const spec of review.specs) {
    specNames[spec.id] = spec.name;
  }
  const fieldLabel = (field: string) => reviewFieldLabel(t, field, specNames);
  const changed = new Set<string>(changes.map(change => change.field));
  const flaggedUnchanged =
    previous.status === 'rejected'
      ? previous.flaggedFields.filter(field => !changed.has(field))
      : [];
  const previousRound = String(previous.round);

  const cells = (change: ReviewFieldChange): [ReactNode, ReactNode] => {
    switch (change.field) {
      case 'listingName':
      case 'summary':
        return [change.before, change.after];
      case 'logo':
      case 'showcaseImage':
      case 'introImage':
        return [
          <ReviewImage
            reviewId={previous.id}
            round={previous.round}
            image={change.before}
            hideLabel
          />,
          <ReviewImage
            reviewId={review.id}
            round={review.round}
            image={change.after}
            hideLabel
          />,
        ];
      case 'specs':
        return [
          change.removed.length > 0
            ? t('reviewDetail.specsRemoved', {
                specs: change.removed.map(id => specNames[id] ?? id).join(', '),
              })
            : '',
          change.added.length > 0
            ? t('reviewDetail.specsAdded', {
                specs: change.added.map(id => specNames[id] ?? id).join(', '),
              })
            : '',
        ];
      default:
        return [
          <SpecFieldLines spec={change.before} keys={change.changed} />,
          <SpecFieldLines spec={change.after} keys={change.changed} />,
        ];
    }
  };

  const decision = reviewDecisionChip(t, previous.status).label;
  return (
    <Flex direction="column" gap="2">
      <Text as="p">
        {t('reviewDetail.previousDecision', {
          round: previousRound,
          decision,
          at: previous.decidedAt
            ? formatDateTime(previous.decidedAt, locale)
            : '',
        })}
      </Text>
      {previous.status === 'rejected' && previous.reason && (
        <Text as="p" variant="body-small">
          {t('reviewDetail.previousReason', { reason: previous.reason })}
        </Text>
      )}
      {changes.length === 0 ? (
        <Text as="p" color="secondary">
          {t('reviewDetail.noChanges', { round: previousRound })}
        </Text>
      ) : (
        <Table
          size="small"
          aria-label={t('reviewDetail.changesTitle', { round: previousRound })}
        >
          <TableHead>
            <TableRow>
              <TableCell>{t('reviewDetail.field')}</TableCell>
              <TableCell>{t('reviewDetail.before')}</TableCell>
              <TableCell>{t('reviewDetail.after')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {changes.map(change => {
              const [before, after] = cells(change);
              return (
                <TableRow
                  key={change.field}
                  className={change.flagged ? classes.flagged : undefined}
                  data-flagged={change.flagged || undefined}
                >
                  <TableCell
                    component="th"
                    scope="row"
                    className={classes.cell}
                  >
                    {fieldLabel(change.field)}
                    {change.flagged && (
                      <Text as="div" variant="body-x-small" color="danger">
                        {t('reviewDetail.flaggedLastTime')}
                      </Text>
                    )}
                  </TableCell>
                  <TableCell className={classes.cell}>{before}</TableCell>
                  <TableCell className={classes.cell}>{after}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {flaggedUnchanged.length > 0 && (
        <Text as="p" variant="body-small" color="danger">
          {t('reviewDetail.flaggedUnchanged', {
            fields: flaggedUnchanged.map(fieldLabel).join(', '),
          })}
        </Text>
      )}
    </Flex>
  );
}
