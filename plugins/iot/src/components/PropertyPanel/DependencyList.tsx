import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import IconButton from '@material-ui/core/IconButton';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import CloseIcon from '@material-ui/icons/Close';
import {
  dependencyTypeRefusal,
  type ResourceTypeItem,
} from '@internal/backstage-plugin-iot-common';
import { useId } from 'react';
import { labelIn } from '../../lib/labels';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';
import {
  EditorEdge,
  EditorGraph,
  edgeId,
  EditorNode,
  nodeName,
} from '../../lib/editorGraph';
import { PropertyGroup } from './PropertyFields';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    fontSize: theme.typography.body2.fontSize,
  },
}));

/**
 * What the selected node depends on and what depends on it; dependencies
 * are added and removed here as well as on the canvas, so a keyboard is
 * enough to connect nodes.
 */
export function DependencyList(props: {
  node: EditorNode;
  graph: EditorGraph;
  types: ReadonlyMap<string, ResourceTypeItem>;
  readOnly: boolean;
  onConnect: (edge: EditorEdge) => void;
  onRemoveEdge: (edgeId: string) => void;
}) {
  const { node, graph, types, readOnly, onConnect, onRemoveEdge } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const language = useLocale();
  const classes = useStyles();
  const selectId = useId();
  const nodes = new Map(graph.nodes.map(n => [n.id, n]));
  const describe = (id: string) => {
    const other = nodes.get(id);
    const type = types.get(other?.type ?? '');
    return `${nodeName(other, id)} (${
      type ? labelIn(type, language) : other?.type ?? '?'
    })`;
  };
  const dependsOn = graph.edges.filter(edge => edge.source === node.id);
  const neededBy = graph.edges.filter(edge => edge.target === node.id);
  // the types it may depend on; the other rules refuse with a reason when chosen
  const candidates = graph.nodes.filter(
    other =>
      other.id !== node.id &&
      !dependencyTypeRefusal(node.type, other.type) &&
      !dependsOn.some(edge => edge.target === other.id),
  );

  return (
    <PropertyGroup label={t('propertyPanel.dependsOn')}>
      <Flex direction="column" gap="2">
        {dependsOn.length === 0 ? (
          <Text as="p" variant="body-small" color="secondary">
            {t('propertyPanel.noDependencies')}
          </Text>
        ) : (
          <ul className={classes.list}>
            {dependsOn.map(edge => (
              <li key={edgeId(edge)} className={classes.item}>
                <span>{describe(edge.target)}</span>
                {!readOnly && (
                  <IconButton
                    size="small"
                    aria-label={t('propertyPanel.removeDependency', {
                      name: nodeName(nodes.get(edge.target), edge.target),
                    })}
                    onClick={() => onRemoveEdge(edgeId(edge))}
                  >
                    <CloseIcon fontSize="small" />
                  </IconButton>
                )}
              </li>
            ))}
          </ul>
        )}
        {!readOnly && candidates.length > 0 && (
          <TextField
            id={selectId}
            select
            label={t('propertyPanel.addDependency')}
            variant="outlined"
            size="small"
            fullWidth
            value=""
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
            onChange={event =>
              event.target.value &&
              onConnect({ source: node.id, target: event.target.value })
            }
          >
            <option value="">{t('propertyPanel.choose')}</option>
            {candidates.map(other => (
              <option key={other.id} value={other.id}>
                {describe(other.id)}
              </option>
            ))}
          </TextField>
        )}
        {neededBy.length > 0 && (
          <Text as="p" variant="body-small" color="secondary">
            {t('propertyPanel.neededBy', {
              names: neededBy.map(edge => describe(edge.source)).join(', '),
            })}
          </Text>
        )}
      </Flex>
    </PropertyGroup>
  );
}
