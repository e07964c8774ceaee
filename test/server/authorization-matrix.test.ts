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
import { apiDocument, fillPath, operationsOf, type ApiOperation } from './api-operations.js';
import { examples, openWorld, type Caller, type CallerName, type CredentialKind, type Example } from './authz-world.js';
import { assertUnchanged, fingerprint } from './db-fingerprint.js';

const w = await openWorld();
after(() => w.close());
const doc = await apiDocument(w.d.t);
const operations = operationsOf(doc);
const table = examples(w);
const keyOf = (op: ApiOperation) => `${op.method} ${op.template}`;
let requestsSent = 0;

/** Who may call, from the operation's own `x-k100-callers` (phrases like `buyer session`, `secret key`). */
function allowedKinds(op: ApiOperation): Set<CredentialKind> {
  const declared: unknown = doc.paths[op.template]![op.method.toLowerCase()]['x-k100-callers'];
  assert.ok(Array.isArray(declared) && declared.length > 0, `${keyOf(op)} declares no x-k100-callers`);
  const kinds = new Set<CredentialKind>();
  for (const phrase of declared as string[]) {
    const session = /^(buyer|supplier|operator) session\b/.exec(phrase);
    if (session) kinds.add(session[1] as CredentialKind);
    else if (phrase === 'any session') ['buyer', 'supplier', 'operator'].forEach((k) => kinds.add(k as CredentialKind));
    else if (phrase === 'publishable key' || phrase === 'secret key') kinds.add(phrase);
    else if (phrase === 'anyone') ['none', 'publishable key', 'secret key', 'buyer', 'supplier', 'operator'].forEach((k) => kinds.add(k as CredentialKind));
    // Signed by a gateway: none of our credentials admits a caller.
    else if (!/^gateway \(signed/.test(phrase)) assert.fail(`${keyOf(op)}: x-k100-callers phrase "${phrase}" is not one the matrix knows`);
  }
  return kinds;
}

function exampleOf(op: ApiOperation): Example {
  const ex = table[keyOf(op)];
  assert.ok(ex, `${keyOf(op)} has no example request in authz-world.ts examples(): add one so the sweeps cover it`);
  if (op.bodyRequired) assert.ok(ex.body !== undefined, `${keyOf(op)} needs a body in its example`);
  return ex;
}

/** The objects the path names, and who they belong to (everyone, when the path and body name none). */
function target(op: ApiOperation): { values: Record<string, string>; owners: ReadonlySet<CallerName> | undefined } {
  const values: Record<string, string> = {};
  let owners = exampleOf(op).owners;
  for (const param of op.pathParams) {
    const owned = w.resource(op.template, param);
    values[param] = owned.id;
    owners = owners === undefined ? owned.owners : new Set([...owners].filter((o) => owned.owners.has(o)));
  }
  return { values, owners };
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

async function send(op: ApiOperation, caller: Caller, values: Record<string, string>): Promise<Answer> {
  const ex = exampleOf(op);
  const headers: Record<string, string> = { ...caller.headers };
  if (op.method === 'POST') headers['idempotency-key'] = randomUUID();
  let body: string | undefined;
  if (ex.body !== undefined) {
    body = typeof ex.body === 'string' ? ex.body : JSON.stringify(ex.body);
    headers['content-type'] = ex.contentType ?? 'application/json';
  }
  const query = ex.query ? `?${new URLSearchParams(ex.query)}` : '';
  requestsSent++;
  const res = await w.d.t.app.request(fillPath(op.template, values) + query, { method: op.method, headers, ...(body === undefined ? {} : { body }) });
  const contentType = res.headers.get('content-type') ?? '';
  // A live stream never ends: its status and type are the answer.
  if (contentType.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, contentType, text: '' };
  }
  return { status: res.status, contentType, text: await res.text() };
}

/** What a refused answer shows a caller, with the ids asked about blanked out, to compare with a nonexistent id's. */
function shapeOf(a: Answer, values: Record<string, string>) {
  let text = a.text;
  for (const id of Object.values(values)) text = text.split(id).join('<id>');
  const body = JSON.parse(text) as Record<string, unknown>;
  const { instance: _i, request_id: _r, ...rest } = body;
  return { status: a.status, contentType: a.contentType, keys: Object.keys(body).sort(), ...rest };
}

const missing = (values: Record<string, string>) => Object.fromEntries(Object.keys(values).map((k) => [k, `zz_missing_${randomUUID().slice(0, 8)}`]));

function describeCall(op: ApiOperation, caller: Caller, a: Answer) {
  return `${keyOf(op)} as ${caller.name}: ${a.status} ${a.text.slice(0, 300)}`;
}

function assertDeclared(op: ApiOperation, caller: Caller, a: Answer) {
  assert.ok(op.statuses.includes(String(a.status)), `undeclared status: ${describeCall(op, caller, a)} (declares ${op.statuses.join(', ')})`);
}

function isOwner(op: ApiOperation, caller: Caller, owners: ReadonlySet<CallerName> | undefined) {
  return allowedKinds(op).has(caller.kind) && (owners === undefined || owners.has(caller.name));
}

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
        const allowed = caller.kind === 'none' ? [401] : !kinds.has(caller.kind) ? [401, 403, ...(owns ? [] : [404])] : [exampleOf(op).notYours ?? 404];
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
  console.log(`authorization matrix: ${operations.length} operations × ${w.callers.length} callers, ${requestsSent} requests`);
  assert.ok(operations.length >= 70 && w.callers.length >= 13);
});
