/**
 * Request bodies are strict, for every operation of /v1/openapi.json that takes one: the operation's
 * valid example plus one field it does not know (`status`, `amount`, `party_id`, `__proto__`…) is refused
 * 422 problem+json and writes nothing, and the document says `additionalProperties: false`, so partners'
 * generated clients learn it too. Sent by a caller the object belongs to, so authorization is not what refuses.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { apiDocument, deref, operationsOf, type ApiDocument, type JsonSchema } from './api-operations.js';
import { describeCall, keyOf, sweepOf } from './authz-requests.js';
import { openWorld } from './authz-world.js';
import { assertUnchanged, fingerprint } from './db-fingerprint.js';

const w = await openWorld();
after(() => w.close());
const doc = await apiDocument(w.d.t);
const sweep = sweepOf(w, doc);
const withBodies = operationsOf(doc).filter((op) => op.body !== undefined);

/**
 * Loose on purpose, each for a reason: a gateway's signed callback may grow fields we must not refuse
 * money over; terms strip client-sent totals (`totals`, `line_total`) so a client may send back the priced
 * terms it was given (negotiations-api and domain-terms test that).
 */
const LOOSE_OPERATIONS = new Set(['POST /v1/gateways/{gateway}/notifications']);
const LOOSE_SCHEMAS = new Set(['Terms', 'TermsItem']);

/** Fields a client might smuggle, as JSON members appended to a valid body (`__proto__` is literal text, as an attacker sends it). */
const SMUGGLED: Array<[string, string]> = [
  ['status', '"status":"paid"'],
  ['amount', '"amount":1'],
  ['party_id', '"party_id":"buyer_globex"'],
  ['__proto__', '"__proto__":{"admin":true}'],
  ['constructor', '"constructor":{"prototype":{"admin":true}}'],
  ['supplier_id', '"supplier_id":"supplier_ningbo_textiles"'],
];

/** The names of the object schemas in a body that are not closed to unknown fields. */
function looseObjects(d: ApiDocument, schema: JsonSchema | undefined, where: string, seen = new Set<string>()): string[] {
  if (!schema || typeof schema !== 'object') return [];
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop()!;
    if (seen.has(name) || LOOSE_SCHEMAS.has(name)) return [];
    seen.add(name);
    return looseObjects(d, deref(d, schema), `${where}>${name}`, seen);
  }
  const out: string[] = [];
  if (schema.type === 'object' || schema.properties) {
    if (schema.additionalProperties !== false) out.push(where);
    for (const [k, v] of Object.entries<JsonSchema>(schema.properties ?? {})) out.push(...looseObjects(d, v, `${where}.${k}`, seen));
  }
  for (const k of ['items', 'anyOf', 'oneOf', 'allOf']) {
    const v = schema[k];
    for (const s of Array.isArray(v) ? v : v ? [v] : []) out.push(...looseObjects(d, s, `${where}[]`, seen));
  }
  return out;
}

test('the document closes every request body object to unknown fields', () => {
  const loose = withBodies.filter((op) => !LOOSE_OPERATIONS.has(keyOf(op))).flatMap((op) => looseObjects(doc, op.body, keyOf(op)));
  assert.deepEqual(loose, []);
});

let refusals = 0;
for (const op of withBodies) {
  if (LOOSE_OPERATIONS.has(keyOf(op))) continue;
  test(`${keyOf(op)}: a valid body plus an unknown field is 422 and writes nothing`, async () => {
    const example = sweep.exampleOf(op).body;
    assert.ok(example !== null && typeof example === 'object' && !Array.isArray(example), `${keyOf(op)}: example body is not a JSON object`);
    const { values, owners } = sweep.target(op);
    const caller = w.callers.find((c) => sweep.isOwner(op, c, owners));
    assert.ok(caller, `${keyOf(op)}: no caller in the world may call it`);
    const known = new Set(Object.keys(deref(doc, op.body)?.properties ?? {}));
    const valid = JSON.stringify(example);
    for (const [field, member] of SMUGGLED) {
      if (known.has(field)) continue;
      const before = await fingerprint(w.d.t.store);
      const text = valid === '{}' ? `{${member}}` : `${valid.slice(0, -1)},${member}}`;
      const a = await sweep.send(op, caller, values, text);
      assert.equal(a.status, 422, `${field}: ${describeCall(op, caller, a)}`);
      assert.match(a.contentType, /^application\/problem\+json/);
      assert.equal(JSON.parse(a.text).type, 'https://k100widgets.dev/problems/validation', describeCall(op, caller, a));
      await assertUnchanged(w.d.t.store, before, `${keyOf(op)} with ${field}`);
      refusals++;
    }
  });
}

test('every operation with a body was tried', () => {
  console.log(`strict bodies: ${withBodies.length} operations with a body, ${refusals} smuggled fields refused`);
  assert.ok(refusals >= 5 * (withBodies.length - LOOSE_OPERATIONS.size) - 10);
});
