/** Opaque keyset cursors: base64url JSON of the last row's sort key, bound to the query that produced it. */
import { createHash } from 'node:crypto';

/** A cursor that is malformed, edited, or from another query; the HTTP layer answers 400. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor(message = 'The cursor is malformed or belongs to a different query; start again without one.') {
    super(message);
  }
}

export type CursorValue = string | number;
type Kind = 'string' | 'number';

/**
 * A short digest of everything that decides a list's order and membership (filters, normalised text
 * query), so a cursor replayed against another query is refused instead of silently skipping rows.
 * The viewer is not part of it: visibility is re-checked on every page anyway.
 */
export function cursorScope(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 12);
}

export function encodeCursor(scope: string, key: CursorValue[]): string {
  return Buffer.from(JSON.stringify({ s: scope, k: key }), 'utf8').toString('base64url');
}

/** Returns the key in `shape`'s order or throws InvalidCursorError; never trusts a field it did not check. */
export function decodeCursor<const S extends readonly Kind[]>(
  cursor: string,
  scope: string,
  shape: S,
): { [I in keyof S]: S[I] extends 'number' ? number : string } {
  if (cursor.length === 0 || cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (typeof payload !== 'object' || payload === null) throw new InvalidCursorError();
  const { s, k } = payload as { s?: unknown; k?: unknown };
  if (s !== scope || !Array.isArray(k) || k.length !== shape.length) throw new InvalidCursorError();
  k.forEach((value: unknown, i) => {
    const ok =
      shape[i] === 'number'
        ? typeof value === 'number' && Number.isFinite(value)
        : typeof value === 'string' && value.length <= 256;
    if (!ok) throw new InvalidCursorError();
  });
  return k as { [I in keyof S]: S[I] extends 'number' ? number : string };
}
