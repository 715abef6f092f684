import { Link, Progress } from '@backstage/core-components';
import {
  useApi,
  useRouteRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import {
  BILLING_MODES,
  resourceConfirmationTable,
  specReviewField,
  type ResourceTypeItem,
  type ReviewField,
  type ReviewSpec,
} from '@internal/backstage-plugin-iot-common';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { iotApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import {
  deployLocationLabel,
  labelIn,
  specTypeLabel,
  yesNo,
  type IotTranslate,
} from '../../lib/labels';
import { useLocale } from '../../lib/useLocale';
import { specRouteRef } from '../../routes';
import { iotTranslationRef } from '../../translation';
import { LoadFailedAlert } from '../LoadFailedAlert';
import { SpecGraphView } from '../SpecGraphView';
import { StatusChip } from '../StatusChip';

const useStyles = makeStyles(theme => ({
  spec: {
    padding: theme.spacing(1.5),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  flagged: {
    borderLeft: `3px solid ${theme.palette.error.main}`,
  },
  cell: {
    padding: theme.spacing(0.5, 0.75),
    fontSize: theme.typography.caption.fontSize,
  },
}));

/** The deployment test a spec passed when submitted (SPEC-8, SPEC-9): chip and sentence. */
function deploymentTestOf(
  t: IotTranslate,
  spec: ReviewSpec,
  locale: string,
): { chip: string; tone: 'success' | 'danger' | 'info'; text: string } {
  const test = spec.deploymentTest;
  if (!test) {
    return {
      chip: t('reviewDetail.deploymentNone'),
      tone: 'danger',
      text: t('reviewDetail.deploymentNone'),
    };
  }
  const at = formatDateTime(test.at, locale);
  if (test.status === 'running') {
    return {
      chip: t('submitDialog.passed'),
      tone: 'success',
      text: t('reviewDetail.deploymentPassed', { at }),
    };
  }
  if (test.status === 'failed') {
    return {
      chip: t('instanceStatus.failed'),
      tone: 'danger',
      text: t('reviewDetail.deploymentFailed', { at }),
    };
  }
  return {
    chip: t('instanceStatus.installing'),
    tone: 'info',
    text: t('reviewDetail.deploymentInstalling', { at }),
  };
}

/** The resources of the graph as submitted, in install order, as a trial will confirm them. */
function SubmittedResources(props: { spec: ReviewSpec }) {
  const { spec } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const language = useLocale();
  const classes = useStyles();
  const table = useMemo(() => {
    try {
      return { rows: resourceConfirmationTable(spec.graph) };
    } catch (error) {
      return { problem: errorMessage(error) };
    }
  }, [spec.graph]);
  if (table.problem !== undefined) {
    return (
      <Text variant="body-small" color="danger">
        {t('reviewDetail.resourcesInvalid', { message: table.problem })}
      </Text>
    );
  }
  const caption = t('reviewDetail.resources', { count: table.rows.length });
  return (
    <>
      <Text variant="body-small" weight="bold">
        {caption}
      </Text>
      <Table size="small" aria-label={`${spec.name}: ${caption}`}>
        <TableHead>
          <TableRow>
            <TableCell className={classes.cell}>
              {t('planPreview.resource')}
            </TableCell>
            <TableCell className={classes.cell}>
              {t('planPreview.flavour')}
            </TableCell>
            <TableCell className={classes.cell} align="right">
              {t('planPreview.quantity')}
            </TableCell>
            <TableCell className={classes.cell}>
              {t('planPreview.billingMode')}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {table.rows.map(row => (
            <TableRow key={row.nodeId}>
              <TableCell className={classes.cell}>
                {row.resource}
                <Text as="div" variant="body-x-small" color="secondary">
                  {language.startsWith('zh') ? row.typeLabelZh : row.typeLabel}
                </Text>
              </TableCell>
              <TableCell className={classes.cell}>
                {row.flavour
                  ? labelIn(row.flavour, language)
                  : t('values.none')}
              </TableCell>
              <TableCell className={classes.cell} align="right">
                {row.quantity}
              </TableCell>
              <TableCell className={classes.cell}>
                {labelIn(BILLING_MODES[row.billingMode], language)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/**
 * The specs of a submission as they were submitted (SPEC-9, REV-1): their
 * fields, the deployment test they passed, their graph drawn as the
 * dependency editor draws it and its resources in a table; `flagged`
 * marks those a rejection flagged.
 */
export function SubmittedSpecs(props: {
  specs: ReviewSpec[];
  flagged: ReadonlySet<ReviewField>;
}) {
  const { specs, flagged } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  const classes = useStyles();
  const specLink = useRouteRef(specRouteRef);
  const iotApi = useApi(iotApiRef);
  // what the graphs' nodes show of their types: icon, colour, name
  const types = useAsyncRetry(() => iotApi.getResourceTypes(), [iotApi]);
  const typeMap = useMemo(
    () =>
      new Map<string, ResourceTypeItem>(
        (types.value?.items ?? []).map(type => [type.id, type]),
      ),
    [types.value],
  );
  return (
    <Flex direction="column" gap="3">
      {types.error && (
        <LoadFailedAlert
          title={t('reviewDetail.typesFailed', {
            message: errorMessage(types.error),
          })}
          onRetry={types.retry}
        />
      )}
      {specs.map(spec => {
        const test = deploymentTestOf(t, spec, locale);
        const isFlagged = flagged.has(specReviewField(spec.id));
        return (
          <section
            key={spec.id}
            aria-label={spec.name}
            className={`${classes.spec} ${isFlagged ? classes.flagged : ''}`}
          >
            <Flex direction="column" gap="2">
              <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
                <Text as="h4" variant="body-large" weight="bold">
                  {spec.exists && specLink ? (
                    <Link to={specLink({ specId: spec.id })}>{spec.name}</Link>
                  ) : (
                    spec.name
                  )}
                </Text>
                <StatusChip label={test.chip} tone={test.tone} />
                {!spec.exists && (
                  <Text variant="body-small" color="secondary">
                    {t('reviewDetail.specDeleted')}
                  </Text>
                )}
                {isFlagged && (
                  <Text variant="body-small" color="danger">
                    {t('submitDialog.flagged')}
                  </Text>
                )}
              </Flex>
              <Text variant="body-small" color="secondary">
                {[
                  `${t('fields.type')}: ${specTypeLabel(t, spec.type)}`,
                  `${t('fields.deployLocation')}: ${deployLocationLabel(
                    t,
                    spec.deployLocation,
                  )}`,
                  `${t('submitDialog.trial')}: ${yesNo(t, spec.allowTrial)}`,
                ].join(' · ')}
              </Text>
              <Text as="p" variant="body-medium">
                {spec.description}
              </Text>
              <Text variant="body-small">
                {test.text}
                {spec.deploymentTest &&
                  ` · ${t('reviewDetail.instance', {
                    instance: spec.deploymentTest.instanceId,
                  })}`}
              </Text>
              {spec.graph.nodes.length > 0 &&
                (types.value ? (
                  <SpecGraphView
                    graph={spec.graph}
                    types={typeMap}
                    label={t('reviewDetail.graphLabel', { spec: spec.name })}
                  />
                ) : (
                  !types.error && <Progress />
                ))}
              <SubmittedResources spec={spec} />
            </Flex>
          </section>
        );
      })}
    </Flex>
  );
}
