/**
 * fast-check arbitraries derived from the API document's JSON schemas: values that fit (so requests reach
 * the handlers), values with one field broken (so the validators' edges are walked), and hostile values
 * (fuzz-values.ts). `known` names real ids by field name (`product_id` → seeded products), so fitting
 * bodies refer to objects that exist instead of 404ing on a random id.
 */
import fc from 'fast-check';
import { deref, type ApiDocument, type JsonSchema } from './api-operations.js';
import { HOSTILE_NUMBERS, HOSTILE_STRINGS, PROTOTYPE_KEYS, deepValue, hugeString } from './fuzz-values.js';

/** Real values by field name; `X_ids` arrays draw from `X_id`. */
export type KnownValues = Record<string, readonly string[]>;

const MAX_DEPTH = 8;

/** A schema with its `allOf` parts folded into one (properties and required merged). */
function flatten(doc: ApiDocument, schema: JsonSchema | undefined): JsonSchema {
  const s = deref(doc, schema) ?? {};
  if (!s.allOf) return s;
  const merged: JsonSchema = { ...s, allOf: undefined, properties: { ...s.properties }, required: [...(s.required ?? [])] };
  for (const part of s.allOf) {
    const p = flatten(doc, part);
    for (const [k, v] of Object.entries(p)) {
      if (k === 'properties') Object.assign(merged.properties, v);
      else if (k === 'required') merged.required.push(...(v as string[]));
      else if (merged[k] === undefined) merged[k] = v;
    }
  }
  return merged;
}

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = Math.min(s.maxLength ?? 40, Math.max(minLength, 40));
  if (s.enum) return fc.constantFrom(...(s.enum as string[]));
  if (s.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'date') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'uri') return fc.webUrl();
  if (s.format === 'email') return fc.emailAddress();
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).map((v) => v.slice(0, Math.max(maxLength, 1)));
    } catch {
      /* a pattern fast-check cannot invert: plain strings */
    }
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme' });
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo = Math.max(s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-6) : -1e6), -Number.MAX_SAFE_INTEGER);
  const hi = Math.min(s.maximum ?? 1e9, Number.MAX_SAFE_INTEGER);
  if (integer) return fc.integer({ min: Math.ceil(lo), max: Math.floor(Math.max(lo, hi)) });
  return fc.double({ min: lo, max: Math.max(lo, hi), noNaN: true, noDefaultInfinity: true });
}

/** Values that fit `schema` (as far as a generator cheaply can: patterns, ranges, required fields). */
export function fittingValue(doc: ApiDocument, schema: JsonSchema | undefined, known: KnownValues = {}, field = '', depth = 0): fc.Arbitrary<unknown> {
  const s = flatten(doc, schema);
  if (depth > MAX_DEPTH) return fc.constant(null);
  const branches: JsonSchema[] | undefined = s.anyOf ?? s.oneOf;
  if (branches) return fc.oneof(...branches.map((b) => fittingValue(doc, b, known, field, depth + 1)));
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...(s.enum as unknown[]));
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : s.properties ? ['object'] : ['string'];
  const real = types.filter((t) => t !== 'null');
  const arbs = real.map((t) => typedFitting(doc, s, t, known, field, depth));
  if (types.includes('null')) arbs.push(fc.constant(null));
  return arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs);
}

function typedFitting(doc: ApiDocument, s: JsonSchema, type: string, known: KnownValues, field: string, depth: number): fc.Arbitrary<unknown> {
  const example = s.example;
  const generated = typedGenerated(doc, s, type, known, field, depth);
  return example !== undefined && typeOfExample(example) === type ? fc.oneof({ weight: 1, arbitrary: fc.constant(example) }, { weight: 2, arbitrary: generated }) : generated;
}

const typeOfExample = (v: unknown) => (Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v);

function typedGenerated(doc: ApiDocument, s: JsonSchema, type: string, known: KnownValues, field: string, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string': {
      const real = known[field];
      return real && real.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: stringArb(s) }) : stringArb(s);
    }
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const itemField = field.endsWith('_ids') ? field.slice(0, -1) : field;
      const minLength = s.minItems ?? 0;
      return fc.array(fittingValue(doc, s.items, known, itemField, depth + 1), { minLength, maxLength: Math.min(s.maxItems ?? 4, Math.max(minLength, 4)) });
    }
    case 'object': {
      const props: Record<string, JsonSchema> = s.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = fittingValue(doc, v, known, k, depth + 1);
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k: string) => k in props) });
    }
    default:
      return fc.constant(null);
  }
}

/** Any hostile value: injection strings, edge numbers, prototype keys, deep nesting, huge strings, wrong types. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { '': '' }) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS).map((k) => JSON.parse(`{${JSON.stringify(k)}:{"polluted":true}}`)) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 2000 }).map(deepValue) },
  { weight: 1, arbitrary: fc.constantFrom(10_000, 100_000, 600_000).map((n) => hugeString(n)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** A fitting value with one thing broken: a field hostile, a required field gone, or a field nobody declared. */
export function nearFittingValue(doc: ApiDocument, schema: JsonSchema | undefined, known: KnownValues = {}): fc.Arbitrary<unknown> {
  return fc
    .tuple(fittingValue(doc, schema, known), hostileValue, fc.nat(), fc.constantFrom('replace', 'drop', 'add', 'nested'))
    .map(([value, bad, pick, how]) => breakOne(value, bad, pick, how));
}

function breakOne(value: unknown, bad: unknown, pick: number, how: string): unknown {
  if (Array.isArray(value)) {
    if (value.length === 0) return [bad];
    const copy = [...value];
    copy[pick % copy.length] = how === 'nested' ? breakOne(copy[pick % copy.length], bad, pick >> 3, 'replace') : bad;
    return copy;
  }
  if (value === null || typeof value !== 'object') return bad;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (how === 'add' || keys.length === 0) {
    copy[PROTOTYPE_KEYS[pick % PROTOTYPE_KEYS.length] === '__proto__' ? 'unexpected_field' : PROTOTYPE_KEYS[pick % PROTOTYPE_KEYS.length]!] = bad;
    return copy;
  }
  const key = keys[pick % keys.length]!;
  if (how === 'drop') delete copy[key];
  else if (how === 'nested') copy[key] = breakOne(copy[key], bad, pick >> 3, 'replace');
  else copy[key] = bad;
  return copy;
}

/** A known-good value with one thing broken (see nearFittingValue). */
export function brokenFrom(value: unknown): fc.Arbitrary<unknown> {
  return fc.tuple(hostileValue, fc.nat(), fc.constantFrom('replace', 'drop', 'add', 'nested', 'nested')).map(([bad, pick, how]) => breakOne(structuredClone(value), bad, pick, how));
}

/**
 * Fitting, near-fitting or hostile, weighted towards requests that get past validation. `exemplar`, a body
 * the operation accepts (from the flow helpers), is sent as is or with one field broken: random values
 * rarely satisfy the domain's own rules (check digits, known barcodes), an exemplar's neighbours do.
 */
export function anyValue(doc: ApiDocument, schema: JsonSchema | undefined, known: KnownValues = {}, exemplar?: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fittingValue(doc, schema, known) },
    { weight: 3, arbitrary: nearFittingValue(doc, schema, known) },
    { weight: 2, arbitrary: hostileValue },
    { weight: exemplar === undefined ? 0 : 2, arbitrary: fc.constant(exemplar) },
    { weight: exemplar === undefined ? 0 : 6, arbitrary: brokenFrom(exemplar) },
  );
}
