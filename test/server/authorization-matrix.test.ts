/**
 * The authorization matrix, read from /v1/openapi.json so a new route is covered without editing this
 * file: every operation × every kind of caller (no, forged and expired tokens; both partners' keys;
 * the deal's parties and their neighbours). Who may call comes from each operation's `x-k100-callers`;
 * whose object it is comes from the world. What is not yours is 404, shaped exactly like a nonexistent
 * id's answer; refusals write nothing (every table fingerprinted); every answer is one the operation declares.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { apiDocument, operationsOf } from './api-operations.js';
import { assertDeclared, describeCall, keyOf, sweepOf, type Answer } from './authz-requests.js';
import { openWorld } from './authz-world.js';
import { assertUnchanged, fingerprint } from './db-fingerprint.js';

const w = await openWorld();
after(() => w.close());
const doc = await apiDocument(w.d.t);
const operations = operationsOf(doc);
const sweep = sweepOf(w, doc);
const { allowedKinds, target, send, isOwner, counter } = sweep;

/** What a refused answer shows a caller, with the ids asked about blanked out, to compare with a nonexistent id's. */
function shapeOf(a: Answer, values: Record<string, string>) {
  let text = a.text;
  for (const id of Object.values(values)) text = text.split(id).join('<id>');
  const body = JSON.parse(text) as Record<string, unknown>;
  const { instance: _i, request_id: _r, ...rest } = body;
  return { status: a.status, contentType: a.contentType, keys: Object.keys(body).sort(), ...rest };
}

const missing = (values: Record<string, string>) => Object.fromEntries(Object.keys(values).map((k) => [k, `zz_missing_${randomUUID().slice(0, 8)}`]));

// Refusals first, for every operation, while every object is as the world made it; owners act after.
describe('refused callers: 401/403 by credential, 404 for what is not theirs, indistinguishable from nothing, nothing written', () => {
  for (const op of operations) {
    test(keyOf(op), async () => {
      const kinds = allowedKinds(op);
      const { values, owners } = target(op);
      const before = await fingerprint(w.d.t.store);
      let notFoundShape: ReturnType<typeof shapeOf> | undefined;
      for (const caller of w.callers) {
        if (isOwner(op, caller, owners)) continue;
        const a = await send(op, caller, values);
        assertDeclared(op, caller, a);
        const owns = owners === undefined || owners.has(caller.name);
        const allowed = caller.kind === 'none' ? [401] : !kinds.has(caller.kind) ? [401, 403, ...(owns ? [] : [404])] : [sweep.exampleOf(op).notYours ?? 404];
        assert.ok(allowed.includes(a.status), `expected ${allowed.join('/')}: ${describeCall(op, caller, a)}`);
        assert.match(a.contentType, /^application\/problem\+json/, describeCall(op, caller, a));
        if (a.status === 404) notFoundShape = shapeOf(a, values);
        // A caller it does not belong to learns nothing from the real id; its own parties may see their object exists.
        if (op.pathParams.length > 0 && !owns) {
          const ids = missing(values);
          const none = await send(op, caller, ids);
          assert.deepEqual(shapeOf(a, values), shapeOf(none, ids), `${keyOf(op)} as ${caller.name}: a real id answers unlike a nonexistent one`);
        }
      }
      // An owner asking for an id that does not exist gets exactly what the others got for the real one.
      const owner = w.callers.find((c) => isOwner(op, c, owners) && c.kind !== 'none');
      // (Idempotent removals that declare no 404 answer 204 for what was never there: nothing to tell apart.)
      if (owner && op.pathParams.length > 0 && op.statuses.includes('404')) {
        const ids = missing(values);
        const none = await send(op, owner, ids);
        assert.equal(none.status, 404, describeCall(op, owner, none));
        if (notFoundShape) assert.deepEqual(shapeOf(none, ids), notFoundShape, `${keyOf(op)}: another party's id answers unlike a nonexistent one`);
      }
      await assertUnchanged(w.d.t.store, before, `${keyOf(op)} refused`);
    });
  }
});

// Deletions last, so the objects they remove are still there for the operations that read them.
const ownersFirst = [...operations].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));

describe('callers the object belongs to: past authorization, with a declared answer', () => {
  for (const op of ownersFirst) {
    test(keyOf(op), async () => {
      const { values, owners } = target(op);
      for (const caller of w.callers.filter((c) => isOwner(op, c, owners))) {
        const a = await send(op, caller, values);
        assertDeclared(op, caller, a);
        // 403 `wrong_party`: the object is theirs, the step is the other side's (only the supplier sends the contract).
        const wrongSide = a.status === 403 && JSON.parse(a.text).code === 'wrong_party';
        assert.ok(wrongSide || ![401, 403, 404].includes(a.status), `refused an owner: ${describeCall(op, caller, a)}`);
      }
    });
  }
});

test('the matrix covered every operation and caller', () => {
  console.log(`authorization matrix: ${operations.length} operations × ${w.callers.length} callers, ${counter.requests} requests`);
  assert.ok(operations.length >= 70 && w.callers.length >= 13);
});
