import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useCallback, useEffect, useState } from 'react';
import { iotTranslationRef } from '../translation';
import { FormProblems, hasProblems } from './forms';
import { fieldProblemText } from './labels';

/**
 * The state of a dialog's form: its values, starting from `initial` each
 * time the dialog opens, and the problems `check` finds, each worded for a
 * field once the user has left it (or at once when it is too long), and
 * for every field when they submit.
 */
export function useFormFields<V extends object, F extends string>(options: {
  open: boolean;
  initial: V;
  check: (values: V) => FormProblems<F>;
  /** Every field `check` may find a problem with. */
  fields: readonly F[];
}) {
  const { open, initial, check, fields } = options;
  const { t } = useTranslationRef(iotTranslationRef);
  const [values, setValues] = useState<V>(initial);
  const [touched, setTouched] = useState<ReadonlySet<F>>(new Set());

  useEffect(() => {
    if (open) {
      setValues(initial);
      setTouched(new Set());
    }
  }, [open, initial]);

  const problems = check(values);
  const problemOf = (field: F): string | undefined => {
    const problem = problems[field];
    return problem && (touched.has(field) || problem.problem === 'too-long')
      ? fieldProblemText(t, problem)
      : undefined;
  };
  const touch = useCallback(
    (field: F) => setTouched(previous => new Set(previous).add(field)),
    [],
  );
  const set = useCallback(
    (changes: Partial<V>) =>
      setValues(previous => ({ ...previous, ...changes })),
    [],
  );
  /** Shows every problem; true when there is none. */
  const checkAll = (): boolean => {
    setTouched(new Set(fields));
    return !hasProblems(problems);
  };
  return { values, set, touch, problemOf, checkAll };
}
