import {
  MAX_APP_DESCRIPTION_LENGTH,
  MAX_APP_NAME_LENGTH,
  MAX_SPEC_DESCRIPTION_LENGTH,
  MAX_SPEC_NAME_LENGTH,
  type DeployLocation,
  type SpecType,
} from '@internal/backstage-plugin-iot-common';

/**
 * Client-side checks with the limits of the server's schemas
 * (`createAppRequestSchema`, `createSpecRequestSchema` in iot-common), so
 * that a form says what is wrong before sending; the server checks again.
 */
export type FieldProblem =
  | { problem: 'required' }
  | { problem: 'too-long'; max: number }
  | { problem: 'control-characters' };

export type FormProblems<F extends string> = Partial<Record<F, FieldProblem>>;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** A display name: trimmed, not empty, not too long, no control characters. */
export function checkName(
  value: string,
  max: number,
): FieldProblem | undefined {
  const trimmed = value.trim();
  if (!trimmed) {
    return { problem: 'required' };
  }
  if (trimmed.length > max) {
    return { problem: 'too-long', max };
  }
  if (CONTROL_CHARACTERS.test(trimmed)) {
    return { problem: 'control-characters' };
  }
  return undefined;
}

function checkText(
  value: string,
  max: number,
  required: boolean,
): FieldProblem | undefined {
  if (required && !value.trim()) {
    return { problem: 'required' };
  }
  if ((required ? value.trim() : value).length > max) {
    return { problem: 'too-long', max };
  }
  return undefined;
}

/** Only the problems that exist, so that an empty object means valid. */
function defined<F extends string>(
  problems: Record<F, FieldProblem | undefined>,
): FormProblems<F> {
  return Object.fromEntries(
    Object.entries(problems).filter(([, problem]) => problem !== undefined),
  ) as FormProblems<F>;
}

export type AppFormValues = {
  name: string;
  industry: string;
  scenario: string;
  description: string;
};

export type AppFormField = keyof AppFormValues;

export function checkAppForm(
  values: AppFormValues,
): FormProblems<AppFormField> {
  return defined({
    name: checkName(values.name, MAX_APP_NAME_LENGTH),
    industry: values.industry ? undefined : { problem: 'required' },
    scenario: values.scenario ? undefined : { problem: 'required' },
    description: checkText(
      values.description,
      MAX_APP_DESCRIPTION_LENGTH,
      false,
    ),
  });
}

export type SpecFormValues = {
  type: SpecType | '';
  deployLocation: DeployLocation | '';
  name: string;
  description: string;
  allowTrial: boolean;
};

export type SpecFormField = Exclude<keyof SpecFormValues, 'allowTrial'>;

export function checkSpecForm(
  values: SpecFormValues,
): FormProblems<SpecFormField> {
  return defined({
    type: values.type ? undefined : { problem: 'required' },
    deployLocation: values.deployLocation ? undefined : { problem: 'required' },
    name: checkName(values.name, MAX_SPEC_NAME_LENGTH),
    description: checkText(
      values.description,
      MAX_SPEC_DESCRIPTION_LENGTH,
      true,
    ),
  });
}

export const hasProblems = (problems: object) =>
  Object.keys(problems).length > 0;

/**
 * The suggested name of a copy, e.g. "Edge (copy)", with the original
 * shortened so that the suggestion stays within the name limit.
 */
export function suggestCopyName(
  name: string,
  format: (name: string) => string,
  max = MAX_SPEC_NAME_LENGTH,
): string {
  const suggestion = format(name);
  const overflow = suggestion.length - max;
  return overflow > 0
    ? format(name.slice(0, Math.max(0, name.length - overflow)).trimEnd())
    : suggestion;
}
