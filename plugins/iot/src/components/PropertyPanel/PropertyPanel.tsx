import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { memo } from 'react';
import { Button, Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import {
  BILLING_MODES,
  type BillingMode,
  type ResourceTypeItem,
  type SpecGraphProblem,
} from '@internal/backstage-plugin-iot-common';
import { EditorEdge, EditorGraph, EditorNode } from '../../lib/editorGraph';
import {
  problemText,
  problemTitle,
  propertyProblemText,
  useProblemWording,
} from '../../lib/graphProblems';
import { humanizeSlug, labelIn } from '../../lib/labels';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';
import { ResourceTypeIcon } from '../ResourceTypeIcon';
import { DependencyList } from './DependencyList';
import { ImageChoices, ImagePicker } from './ImagePicker';
import {
  BooleanProperty,
  EnumListProperty,
  EnumProperty,
  FieldProps,
  NumberProperty,
  ObjectListProperty,
  TextProperty,
} from './PropertyFields';
import {
  fieldKind,
  newItem,
  problemsByProperty,
  PropertySchema,
  schemaProperties,
} from './schema';

/** Fields of list items (ports, rules, listeners, env) that have a translated label. */
const ITEM_FIELDS = [
  'direction',
  'protocol',
  'port',
  'remoteCidr',
  'containerPort',
  'backendPort',
  'name',
  'value',
] as const;

/** Enum values that are words rather than product names or versions. */
const WORD_VALUES = [
  'ingress',
  'egress',
  'any',
  'single',
  'ha',
  'private',
  'public-read',
] as const;

const isOneOf = <T extends string>(values: readonly T[], value: string) =>
  (values as readonly string[]).includes(value);

const useStyles = makeStyles(theme => ({
  problems: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
    color: theme.palette.error.main,
    fontSize: theme.typography.body2.fontSize,
  },
  id: { fontFamily: 'monospace' },
}));

export interface PropertyPanelProps {
  node: EditorNode;
  graph: EditorGraph;
  types: ReadonlyMap<string, ResourceTypeItem>;
  /** The problems of this node, live. */
  problems: readonly SpecGraphProblem[];
  images: ImageChoices;
  readOnly: boolean;
  /** Sets (`undefined`: removes) a property of the node. */
  onChange: (nodeId: string, key: string, value: unknown) => void;
  onConnect: (edge: EditorEdge) => void;
  onRemoveEdge: (edgeId: string) => void;
}

/**
 * The selected node's properties (SPEC-7 area 3), generated from its type's
 * JSON Schema: text, numbers with their range and step, choices, switches,
 * lists, and the image pickers; each property shows its problems inline.
 */
export const PropertyPanel = memo(function PropertyPanelView(
  props: PropertyPanelProps,
) {
  const { node, graph, types, problems, images, readOnly } = props;
  const onChange = (key: string, value: unknown) =>
    props.onChange(node.id, key, value);
  const { t } = useTranslationRef(iotTranslationRef);
  const language = useLocale();
  const classes = useStyles();
  const wording = useProblemWording(graph, types);
  const type = types.get(node.type);
  if (!type) {
    return (
      <Text as="p" color="danger">
        {t('propertyPanel.unknownType', { type: node.type })}
      </Text>
    );
  }
  const fields = schemaProperties(type);
  const byProperty = problemsByProperty(problems);
  const errorOf = (path: string) =>
    propertyProblemText(wording, byProperty.get(path));
  const fieldKeys = new Set(fields.map(field => field.key));
  const nodeProblems = problems.filter(
    problem =>
      problem.property === undefined ||
      !fieldKeys.has(problem.property.split(/[.[]/)[0]),
  );

  const propertyLabel = (key: string, schema: PropertySchema) =>
    (language.startsWith('zh') ? schema.titleZh : undefined) ??
    schema.title ??
    humanizeSlug(key);
  const itemFieldLabel = (key: string) =>
    isOneOf(ITEM_FIELDS, key)
      ? t(`propertyPanel.itemFields.${key as (typeof ITEM_FIELDS)[number]}`)
      : humanizeSlug(key);
  const optionLabel = (key: string) => (value: string) => {
    const flavour =
      key === type.billing.flavourProperty &&
      type.billing.flavours.find(f => f.id === value);
    if (flavour) return `${value} — ${labelIn(flavour, language)}`;
    if (key === 'billingMode' && value in BILLING_MODES) {
      return labelIn(BILLING_MODES[value as BillingMode], language);
    }
    return isOneOf(WORD_VALUES, value)
      ? t(`propertyPanel.values.${value as (typeof WORD_VALUES)[number]}`)
      : value;
  };

  const renderField = (
    key: string,
    schema: PropertySchema,
    label: string,
    common: FieldProps,
    path: string,
  ) => {
    switch (fieldKind(key, schema, type)) {
      case 'image':
        return (
          <ImagePicker
            label={label}
            kind={type.imageKind!}
            value={common.value}
            onChange={common.onChange}
            error={common.error}
            disabled={common.disabled}
            choices={images}
          />
        );
      case 'enum':
        return <EnumProperty {...common} optionLabel={optionLabel(key)} />;
      case 'boolean':
        return <BooleanProperty {...common} />;
      case 'number':
        return <NumberProperty {...common} />;
      case 'text':
        return <TextProperty {...common} />;
      case 'enum-list':
        return (
          <EnumListProperty
            {...common}
            optionLabel={optionLabel(key)}
            itemError={index => errorOf(`${path}[${index}]`)}
          />
        );
      case 'object-list':
        return (
          <ObjectListProperty
            {...common}
            newItem={() => newItem(schema.items)}
            renderField={(
              index,
              subKey,
              subSchema,
              required,
              item,
              setItem,
            ) => {
              const subPath = `${path}[${index}].${subKey}`;
              return (
                <div key={subKey}>
                  {renderField(
                    subKey,
                    subSchema,
                    itemFieldLabel(subKey),
                    {
                      label: itemFieldLabel(subKey),
                      schema: subSchema,
                      value: item[subKey],
                      required,
                      disabled: readOnly,
                      error: errorOf(subPath),
                      onChange: value => {
                        const { [subKey]: _, ...rest } = item;
                        setItem(
                          value === undefined
                            ? rest
                            : { ...rest, [subKey]: value },
                        );
                      },
                    },
                    subPath,
                  )}
                </div>
              );
            }}
          />
        );
      default:
        return (
          <TextField
            id={`iot-property-${key}`}
            label={label}
            variant="outlined"
            size="small"
            fullWidth
            multiline
            disabled
            value={JSON.stringify(common.value ?? null)}
            error={Boolean(common.error)}
            helperText={common.error}
          />
        );
    }
  };

  return (
    <Flex direction="column" gap="3">
      <Flex align="center" gap="2">
        <ResourceTypeIcon icon={type.icon} category={type.category} />
        <Text as="h3" variant="title-x-small">
          {labelIn(type, language)}
        </Text>
        <Text variant="body-small" color="secondary" className={classes.id}>
          {node.id}
        </Text>
      </Flex>
      {nodeProblems.length > 0 && (
        <ul
          className={classes.problems}
          aria-label={t('propertyPanel.problemsOfNode')}
        >
          {nodeProblems.map((problem, index) => (
            <li key={index}>
              <strong>{problemTitle(t, problem)}</strong>
              {t('graphProblemText.titleSeparator')}
              {problemText(wording, problem, true)}
              {!readOnly &&
                problem.rule === 'property-unknown' &&
                problem.property &&
                !problem.property.includes('.') && (
                  <>
                    {' '}
                    <Button
                      size="small"
                      variant="tertiary"
                      onPress={() => onChange(problem.property!, undefined)}
                    >
                      {t('propertyPanel.removeProperty', {
                        property: problem.property,
                      })}
                    </Button>
                  </>
                )}
            </li>
          ))}
        </ul>
      )}
      {fields.map(({ key, schema, required }) => {
        const label = propertyLabel(key, schema);
        return (
          <div key={`${node.id}/${key}`}>
            {renderField(
              key,
              schema,
              label,
              {
                label,
                schema,
                value: node.properties[key],
                required,
                disabled: readOnly,
                error: errorOf(key),
                onChange: value => onChange(key, value),
              },
              key,
            )}
          </div>
        );
      })}
      <DependencyList
        node={node}
        graph={graph}
        types={types}
        readOnly={readOnly}
        onConnect={props.onConnect}
        onRemoveEdge={props.onRemoveEdge}
      />
    </Flex>
  );
});
