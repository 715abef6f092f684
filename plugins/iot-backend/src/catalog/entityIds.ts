import { randomBytes } from 'node:crypto';

/** Longest app or spec id: the longest catalog entity name. */
export const MAX_ID_LENGTH = 63;

/**
 * A name as lower-case ASCII words joined by dashes, e.g.
 * `Smart Parking — standard` → `smart-parking-standard`; accents are
 * dropped; empty when nothing of the name is ASCII (e.g. `智慧停车`).
 */
export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `prefix` and a short random suffix, for names without an ASCII slug. */
export function randomId(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/**
 * The first of `base`, `base-2`, `base-3`, … that is not `taken`, cut so
 * that it stays a valid entity name of at most 63 characters.
 */
export function freeId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const id = `${base
      .slice(0, MAX_ID_LENGTH - suffix.length)
      .replace(/-+$/, '')}${suffix}`;
    if (!used.has(id)) {
      return id;
    }
  }
}
