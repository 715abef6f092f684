import { InputError } from '@backstage/errors';
import { z } from 'zod/v4';

/**
 * `value` parsed by `schema`; an InputError listing every problem
 * ("invalid body: name: must be at most 64 characters") otherwise.
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      `invalid ${what}: ${result.error.issues
        .map(issue =>
          issue.path.length
            ? `${issue.path.join('.')}: ${issue.message}`
            : issue.message,
        )
        .join('; ')}`,
    );
  }
  return result.data;
}
