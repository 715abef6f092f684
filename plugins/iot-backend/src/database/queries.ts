import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { IotResourceFilter } from '../permissions';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/** A page size clamped to 1..500 (default 50). */
export function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(Math.trunc(limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
}

/**
 * Adds the permission framework's owner criteria as a where clause:
 * `<ownerColumn> IN (...)`, combined with and/or/not as the criteria are.
 */
export function applyOwnerFilter(
  query: Knex.QueryBuilder,
  ownerColumn: string,
  criteria: PermissionCriteria<IotResourceFilter>,
): void {
  if (isAndCriteria(criteria)) {
    query.where(builder => {
      for (const sub of criteria.allOf) {
        builder.andWhere(inner => applyOwnerFilter(inner, ownerColumn, sub));
      }
    });
  } else if (isOrCriteria(criteria)) {
    query.where(builder => {
      for (const sub of criteria.anyOf) {
        builder.orWhere(inner => applyOwnerFilter(inner, ownerColumn, sub));
      }
    });
  } else if (isNotCriteria(criteria)) {
    query.whereNot(builder =>
      applyOwnerFilter(builder, ownerColumn, criteria.not),
    );
  } else if (criteria.values.length === 0) {
    query.whereRaw('1 = 0');
  } else {
    query.whereIn(ownerColumn, criteria.values);
  }
}

/**
 * `column LIKE %part%`, with LIKE's wildcards in `part` taken literally.
 * SQLite's LIKE has no default escape character, so it is named.
 */
export function whereContains(
  query: Knex.QueryBuilder,
  column: string,
  part: string,
): void {
  query.whereRaw(`?? like ? escape '\\'`, [
    column,
    `%${part.replace(/[\\%_]/g, match => `\\${match}`)}%`,
  ]);
}

/**
 * The column names are unique by, where they must differ by more than case
 * (app names per group, spec names per app).
 */
export function nameKeyOf(name: string): string {
  return name.toLocaleLowerCase('en-US');
}

/** Whether a write failed on a unique constraint (PostgreSQL or SQLite). */
export function isUniqueViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as {
    code?: unknown;
    message?: unknown;
  };
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    // the sqlite3 driver has no extended codes
    (code === 'SQLITE_CONSTRAINT' &&
      /UNIQUE constraint failed/.test(String(message)))
  );
}

/**
 * Timestamps are written by the stores, as ISO strings, so that both engines
 * keep milliseconds and SQLite's text sorts in time order.
 */
export function timestamp(): string {
  return new Date().toISOString();
}

/** PostgreSQL returns a Date; SQLite the ISO string the store wrote. */
export function toIso(value: Date | string): string {
  return new Date(value).toISOString();
}

/** A page cursor of two strings, the sort key and the id of a page's last row. */
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id]), 'utf8').toString('base64url');
}

/**
 * The sort key and id of a cursor `encodeCursor` wrote (and `isKey`
 * accepts); an InputError for anything else.
 */
export function decodeCursor(
  cursor: string,
  isKey: (key: string) => boolean = () => true,
): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every(part => typeof part === 'string') &&
      isKey(value[0])
    ) {
      return value as [string, string];
    }
  } catch {
    // not JSON: reported below
  }
  throw new InputError(
    `cursor must be the nextCursor of a previous page; got '${cursor}'`,
  );
}
