import type { SpecGraphProblem } from '@internal/backstage-plugin-iot-common';
import type { IotTranslate } from './labels';

/** What kind of problem it is, in the reader's language. */
export function problemTitle(t: IotTranslate, problem: SpecGraphProblem) {
  return t(`graphProblems.${problem.rule}`);
}

/**
 * The validator's message without the node and property it names, for
 * showing under the property: "must be at most 65535 (got 70000)".
 */
export function propertyProblemDetail(problem: SpecGraphProblem): string {
  return problem.message
    .replace(/^node '[^']*'(?: \([^)]*\))?:? /, '')
    .replace(/^property '[^']*' /, '');
}

/** Every problem of a property as one line under its field. */
export function propertyProblemText(
  t: IotTranslate,
  problems: readonly SpecGraphProblem[] | undefined,
): string | undefined {
  if (!problems?.length) return undefined;
  return problems
    .map(
      problem =>
        `${problemTitle(t, problem)}: ${propertyProblemDetail(problem)}`,
    )
    .join(' · ');
}

/** Ids of the nodes a problem is on: its node, or the nodes of its cycle. */
export function problemNodeIds(problem: SpecGraphProblem): string[] {
  if (problem.nodeIds) return problem.nodeIds;
  return problem.nodeId ? [problem.nodeId] : [];
}
