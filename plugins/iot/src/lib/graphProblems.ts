import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  isPropertyProblem,
  type PropertyProblemText,
  type ResourceTypeItem,
  type SpecGraphProblem,
} from '@internal/backstage-plugin-iot-common';
import { useMemo } from 'react';
import { iotTranslationRef } from '../translation';
import type { EditorGraph } from './editorGraph';
import { IotTranslate, labelIn } from './labels';
import { useLocale } from './useLocale';

/** What wording a problem takes: the translation, and the graph's nodes and types to name. */
export type ProblemWording = {
  t: IotTranslate;
  language: string;
  /** The type of each node of the graph, by node id. */
  nodeTypes: ReadonlyMap<string, string>;
  types: ReadonlyMap<string, ResourceTypeItem>;
};

/** The wording of the problems of `graph`, in the reader's language. */
export function useProblemWording(
  graph: EditorGraph,
  types: ReadonlyMap<string, ResourceTypeItem>,
): ProblemWording {
  const { t } = useTranslationRef(iotTranslationRef);
  const language = useLocale();
  const { nodes } = graph;
  return useMemo(
    () => ({
      t,
      language,
      nodeTypes: new Map(nodes.map(node => [node.id, node.type])),
      types,
    }),
    [t, language, nodes, types],
  );
}

/** What kind of problem it is, in the reader's language. */
export function problemTitle(t: IotTranslate, problem: SpecGraphProblem) {
  return t(`graphProblems.${problem.rule}`);
}

const EXPECTED = ['string', 'number', 'int', 'boolean', 'array', 'object'];

function typeLabel(wording: ProblemWording, typeId: string | undefined) {
  const type = wording.types.get(typeId ?? '');
  return type ? labelIn(type, wording.language) : typeId ?? '?';
}

function list(wording: ProblemWording, items: readonly string[]) {
  return items.join(wording.t('graphProblemText.listSeparator'));
}

/** What is wrong with a property's value: "must be at most 100 (got 500)". */
function propertyDetail(
  wording: ProblemWording,
  problem: PropertyProblemText,
  nodeId: string | undefined,
): string {
  const { t } = wording;
  const detail = (): string => {
    switch (problem.code) {
      case 'property-type': {
        const { expected } = problem.params;
        return t('graphProblemText.property-type', {
          expected: EXPECTED.includes(expected)
            ? t(
                `graphProblemText.expected.${
                  expected as 'string' | 'number' | 'int'
                }`,
              )
            : expected,
        });
      }
      case 'text-too-short':
      case 'list-too-short':
      case 'number-too-small':
        return t(`graphProblemText.${problem.code}`, {
          min: String(problem.params.min),
        });
      case 'text-too-long':
      case 'list-too-long':
      case 'number-too-large':
        return t(`graphProblemText.${problem.code}`, {
          max: String(problem.params.max),
        });
      case 'number-not-greater':
      case 'number-not-less':
        return t(`graphProblemText.${problem.code}`, {
          bound: String(problem.params.bound),
        });
      case 'number-step':
        return t('graphProblemText.number-step', {
          divisor: String(problem.params.divisor),
        });
      case 'value-not-offered':
        return t('graphProblemText.value-not-offered', {
          values: list(wording, problem.params.values),
        });
      case 'format':
        return t(`graphProblemText.format.${problem.params.format}`);
      case 'not-in-zone':
        return t('graphProblemText.not-in-zone', { zone: problem.params.zone });
      case 'duplicate-listener-port':
      case 'duplicate-port':
      case 'duplicate-variable':
      case 'duplicate-protocol':
        return t(`graphProblemText.${problem.code}`, {
          first: String(problem.params.first),
        });
      case 'property-unknown':
        return t('graphProblemText.property-unknown', {
          type: typeLabel(wording, wording.nodeTypes.get(nodeId ?? '')),
        });
      case 'format-other':
      case 'property-invalid':
        return problem.params.detail;
      default:
        return t(`graphProblemText.${problem.code}`);
    }
  };
  const got = 'got' in problem.params ? problem.params.got : undefined;
  return got === undefined
    ? detail()
    : t('graphProblemText.withGot', { detail: detail(), value: got });
}

/**
 * A problem in the reader's language. `onNode` leaves out the node it is
 * on, for where the node is shown already (the property panel).
 */
export function problemText(
  wording: ProblemWording,
  problem: SpecGraphProblem,
  onNode = false,
): string {
  const { t } = wording;
  const source = problem.edge?.source ?? '';
  const target = problem.edge?.target ?? '';
  const nodeId = problem.nodeId ?? '';
  const node = () => {
    const type = wording.nodeTypes.get(nodeId);
    return type
      ? t('graphProblemText.node', {
          id: nodeId,
          type: typeLabel(wording, type),
        })
      : t('graphProblemText.nodeUntyped', { id: nodeId });
  };
  const said = (): string => {
    switch (problem.code) {
      case 'graph-malformed':
        return t('graphProblemText.graph-malformed', problem.params);
      case 'too-many-nodes':
      case 'too-many-edges':
        return t(`graphProblemText.${problem.code}`, {
          number: String(problem.params.count),
          max: String(problem.params.max),
        });
      case 'duplicate-id':
        return t('graphProblemText.duplicate-id', { id: nodeId });
      case 'edge-unknown-node':
        return t('graphProblemText.edge-unknown-node', {
          source,
          target,
          missing: problem.params.missing,
        });
      case 'self-loop':
      case 'duplicate-edge':
        return t(`graphProblemText.${problem.code}`, { source, target });
      case 'edge-not-allowed': {
        const { sourceType, targetType, allowed, reverse } = problem.params;
        const types = {
          source,
          target,
          sourceType: typeLabel(wording, sourceType),
          targetType: typeLabel(wording, targetType),
        };
        const text = allowed.length
          ? t('graphProblemText.edge-not-allowed', {
              ...types,
              allowed: list(
                wording,
                allowed.map(id => typeLabel(wording, id)),
              ),
            })
          : t('graphProblemText.edge-not-allowed-nothing', types);
        return reverse
          ? `${text} ${t('graphProblemText.edge-reverse', { source, target })}`
          : text;
      }
      case 'cycle': {
        const ids = problem.nodeIds ?? [];
        return t('graphProblemText.cycle', {
          path: [...ids, ids[0]].join(' → '),
        });
      }
      case 'unknown-type':
        return t('graphProblemText.unknown-type', problem.params);
      case 'missing-dependency':
        return t('graphProblemText.missing-dependency', {
          type: typeLabel(wording, problem.params.type),
        });
      case 'missing-dependency-one-of':
        return t('graphProblemText.missing-dependency-one-of', {
          types: list(
            wording,
            problem.params.types.map(id => typeLabel(wording, id)),
          ),
        });
      case 'too-many-dependencies':
        return t('graphProblemText.too-many-dependencies', {
          number: String(problem.params.targets.length),
          type: typeLabel(wording, problem.params.type),
          targets: list(wording, problem.params.targets),
        });
      case 'duplicate-name':
        return t('graphProblemText.duplicate-name', {
          ...problem.params,
          type: typeLabel(wording, wording.nodeTypes.get(nodeId)),
        });
      case 'image-missing':
      case 'image-owner':
        return t(`graphProblemText.${problem.code}`, problem.params);
      case 'image-kind':
        return t('graphProblemText.image-kind', {
          image: problem.params.image,
          actual: t(`imageKind.${problem.params.actual}`),
          wanted: t(`imageKind.${problem.params.wanted}`),
        });
      case 'image-version-missing': {
        const { image, version, known } = problem.params;
        return known.length
          ? t('graphProblemText.image-version-missing', {
              image,
              version,
              known: list(wording, known),
            })
          : t('graphProblemText.image-version-missing-none', {
              image,
              version,
            });
      }
      case 'image-uploading':
      case 'image-upload-failed':
        return t(`graphProblemText.${problem.code}`, problem.params);
      default:
        return t('graphProblemText.onProperty', {
          property: problem.property ?? '',
          detail: propertyDetail(wording, problem, problem.nodeId),
        });
    }
  };
  // problems of the graph and its edges say what they are on themselves
  const aboutNode =
    problem.nodeId !== undefined &&
    problem.code !== 'duplicate-id' &&
    problem.code !== 'self-loop' &&
    problem.code !== 'edge-not-allowed';
  return aboutNode && !onNode
    ? t('graphProblemText.onNode', { node: node(), text: said() })
    : said();
}

/** A problem shown under the field of its property: what is wrong with the value, or the node's problem that concerns it. */
function fieldProblemText(
  wording: ProblemWording,
  problem: SpecGraphProblem,
): string {
  return isPropertyProblem(problem)
    ? propertyDetail(wording, problem, problem.nodeId)
    : problemText(wording, problem, true);
}

/** Every problem of a property as one line under its field: "Value out of range: must be at most 100 (got 500)". */
export function propertyProblemText(
  wording: ProblemWording,
  problems: readonly SpecGraphProblem[] | undefined,
): string | undefined {
  if (!problems?.length) return undefined;
  return problems
    .map(
      problem =>
        `${problemTitle(wording.t, problem)}${wording.t(
          'graphProblemText.titleSeparator',
        )}${fieldProblemText(wording, problem)}`,
    )
    .join(' · ');
}

/** Ids of the nodes a problem is on: its node, or the nodes of its cycle. */
export function problemNodeIds(problem: SpecGraphProblem): string[] {
  if (problem.nodeIds) return problem.nodeIds;
  return problem.nodeId ? [problem.nodeId] : [];
}
