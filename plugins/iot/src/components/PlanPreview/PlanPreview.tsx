import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { Alert, Button, Flex, Text } from '@backstage/ui';
import Link from '@material-ui/core/Link';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import GetAppIcon from '@material-ui/icons/GetApp';
import {
  BILLING_MODES,
  type SpecPlan,
} from '@internal/backstage-plugin-iot-common';
import { memo, useState } from 'react';
import { iotApiRef, type SpecExportFormat } from '../../api';
import { saveFile } from '../../lib/download';
import { errorMessage } from '../../lib/errors';
import { durationLabel, labelIn } from '../../lib/labels';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  critical: {
    backgroundColor: theme.palette.warning.light,
    color: theme.palette.getContrastText(theme.palette.warning.light),
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(0, 0.5),
    fontWeight: 'bold',
  },
  path: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    '& li:not(:last-child)::after': { content: '" →"' },
  },
  cell: {
    padding: theme.spacing(0.5, 0.75),
    fontSize: theme.typography.caption.fontSize,
  },
  head: {
    padding: theme.spacing(0.5, 0.75),
    fontSize: theme.typography.caption.fontSize,
    whiteSpace: 'nowrap',
  },
  number: {
    padding: theme.spacing(0.5, 0.75),
    fontSize: theme.typography.caption.fontSize,
    whiteSpace: 'nowrap',
  },
  name: { textAlign: 'left' },
}));

export interface PlanPreviewProps {
  specId: string;
  /** The plan of the graph on the canvas; undefined while it has problems or is being checked. */
  plan?: SpecPlan;
  /** Problems of the graph on the canvas. */
  problemCount: number;
  nodeCount: number;
  /** The canvas differs from the saved graph, which is what the exports contain. */
  unsaved: boolean;
  onSelectNode: (nodeId: string) => void;
}

/**
 * What deploying the graph will do (SPEC-7): the levels of resources
 * created in parallel, the critical path and its duration, and per resource
 * flavour, quantity and billing mode; with the Terraform and Kubernetes
 * exports of the saved graph.
 */
export const PlanPreview = memo(function PlanPreviewView(
  props: PlanPreviewProps,
) {
  const { specId, plan, problemCount, nodeCount, unsaved, onSelectNode } =
    props;
  const { t } = useTranslationRef(iotTranslationRef);
  const language = useLocale();
  const classes = useStyles();
  const iotApi = useApi(iotApiRef);
  const [downloading, setDownloading] = useState<SpecExportFormat>();
  const [failure, setFailure] = useState<string>();

  const download = async (format: SpecExportFormat) => {
    setDownloading(format);
    setFailure(undefined);
    try {
      const { blob, fileName } = await iotApi.downloadSpecExport(
        specId,
        format,
      );
      saveFile(blob, fileName);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setDownloading(undefined);
    }
  };

  let body;
  if (nodeCount === 0) {
    body = <Text as="p">{t('planPreview.empty')}</Text>;
  } else if (problemCount > 0) {
    body = (
      <Text as="p">{t('planPreview.invalid', { count: problemCount })}</Text>
    );
  } else if (!plan) {
    body = <Text as="p">{t('planPreview.checking')}</Text>;
  } else {
    const resources = new Map(plan.resources.map(r => [r.nodeId, r]));
    const critical = new Set(plan.criticalPath.nodeIds);
    const nameOf = (nodeId: string) => resources.get(nodeId)?.name ?? nodeId;
    body = (
      <>
        <Text as="p">
          {t('planPreview.summary', {
            resources: String(plan.resources.length),
            levels: String(plan.levels.length),
          })}
        </Text>
        <section aria-labelledby="iot-plan-critical">
          <Text
            as="h4"
            id="iot-plan-critical"
            variant="body-medium"
            weight="bold"
          >
            {t('planPreview.criticalPath', {
              duration: durationLabel(t, plan.criticalPath.seconds),
            })}
          </Text>
          <ol className={classes.path}>
            {plan.criticalPath.nodeIds.map(nodeId => (
              <li key={nodeId}>
                <span className={classes.critical}>{nameOf(nodeId)}</span>
              </li>
            ))}
          </ol>
        </section>
        {plan.levels.map((level, index) => (
          <section
            key={index}
            aria-label={t('planPreview.levelLabel', {
              number: String(index + 1),
            })}
          >
            <Text as="h4" variant="body-medium" weight="bold">
              {t('planPreview.level', {
                number: String(index + 1),
                count: level.length,
              })}
            </Text>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell className={classes.head}>
                    {t('planPreview.resource')}
                  </TableCell>
                  <TableCell className={classes.head}>
                    {t('planPreview.flavour')}
                  </TableCell>
                  <TableCell className={classes.head} align="right">
                    {t('planPreview.quantity')}
                  </TableCell>
                  <TableCell className={classes.head}>
                    {t('planPreview.billingMode')}
                  </TableCell>
                  <TableCell className={classes.head} align="right">
                    {t('planPreview.createTime')}
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {level.map(nodeId => {
                  const resource = resources.get(nodeId)!;
                  return (
                    <TableRow key={nodeId}>
                      <TableCell className={classes.cell}>
                        <Link
                          component="button"
                          className={classes.name}
                          onClick={() => onSelectNode(nodeId)}
                        >
                          <span
                            className={
                              critical.has(nodeId)
                                ? classes.critical
                                : undefined
                            }
                          >
                            {resource.name}
                          </span>
                        </Link>
                        <Text as="div" variant="body-x-small" color="secondary">
                          {language.startsWith('zh')
                            ? resource.labelZh
                            : resource.label}
                          {critical.has(nodeId) &&
                            ` · ${t('planPreview.onCriticalPath')}`}
                        </Text>
                      </TableCell>
                      <TableCell className={classes.cell}>
                        {resource.flavour
                          ? labelIn(resource.flavour, language)
                          : t('values.none')}
                      </TableCell>
                      <TableCell className={classes.number} align="right">
                        {resource.quantity}
                      </TableCell>
                      <TableCell className={classes.cell}>
                        {labelIn(BILLING_MODES[resource.billingMode], language)}
                      </TableCell>
                      <TableCell className={classes.number} align="right">
                        {durationLabel(t, resource.createSeconds)}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </section>
        ))}
      </>
    );
  }

  return (
    <Flex direction="column" gap="3">
      {body}
      <section aria-labelledby="iot-plan-exports">
        <Flex direction="column" gap="2">
          <Text
            as="h4"
            id="iot-plan-exports"
            variant="body-medium"
            weight="bold"
          >
            {t('planPreview.exportsTitle')}
          </Text>
          <Text as="p" variant="body-small" color="secondary">
            {unsaved
              ? t('planPreview.exportsUnsaved')
              : t('planPreview.exportsSaved')}
          </Text>
          <Flex gap="2" style={{ flexWrap: 'wrap' }}>
            <Button
              variant="secondary"
              size="small"
              iconStart={<GetAppIcon fontSize="small" />}
              isPending={downloading === 'terraform'}
              onPress={() => download('terraform')}
            >
              {t('planPreview.downloadTerraform')}
            </Button>
            <Button
              variant="secondary"
              size="small"
              iconStart={<GetAppIcon fontSize="small" />}
              isPending={downloading === 'kubernetes'}
              onPress={() => download('kubernetes')}
            >
              {t('planPreview.downloadKubernetes')}
            </Button>
          </Flex>
          {failure && (
            <Alert
              role="alert"
              status="danger"
              icon
              title={t('planPreview.downloadFailed')}
              description={failure}
            />
          )}
        </Flex>
      </section>
    </Flex>
  );
});
