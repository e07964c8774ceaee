/** Deterministic JSON and SHA-256 for evidence: the same value always gives the same bytes and digest. */
import { createHash } from 'node:crypto';

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A lone surrogate cannot be encoded as UTF-8, so two systems could hash it differently: refuse it. */
const LONE_SURROGATE = /\p{Surrogate}/u;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * RFC 8785 (JSON Canonicalization Scheme) for the data we store: object keys sorted by UTF-16 code units
 * (JS's default sort, which is JCS's rule), recursively; no whitespace; arrays in order; strings and numbers
 * as ECMAScript JSON.stringify writes them, which is exactly how JCS specifies them. Stricter than JCS:
 * undefined, non-finite numbers, bigint, functions, symbols, Dates, class instances, sparse arrays, cycles
 * and lone surrogates throw a TypeError instead of being dropped or coerced, so evidence never silently loses
 * a field. Our evidence numbers are integers, where JCS and JSON.stringify cannot differ.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}

function write(value: unknown, path: string, ancestors: Set<object>): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is not a finite number`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) throw new TypeError(`canonicalJson: ${path} has a lone surrogate`);
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') throw new TypeError(`canonicalJson: ${path} is ${typeof value}, not JSON`);
  if (ancestors.has(value)) throw new TypeError(`canonicalJson: ${path} is a cycle`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const parts: string[] = [];
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) throw new TypeError(`canonicalJson: ${path}[${i}] is a hole`);
        parts.push(write(value[i], `${path}[${i}]`, ancestors));
      }
      return `[${parts.join(',')}]`;
    }
    if (!isPlainObject(value)) throw new TypeError(`canonicalJson: ${path} is not a plain object`);
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    const parts = keys.map((key) => {
      if (LONE_SURROGATE.test(key)) throw new TypeError(`canonicalJson: a key in ${path} has a lone surrogate`);
      return `${JSON.stringify(key)}:${write(record[key], `${path}.${key}`, ancestors)}`;
    });
    return `{${parts.join(',')}}`;
  } finally {
    // Only ancestors count as cycles: the same object twice side by side is fine.
    ancestors.delete(value);
  }
}

/** Lowercase hex SHA-256 of the UTF-8 bytes of `text`. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
