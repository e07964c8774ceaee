/**
 * How the sweeps over the whole API (authorization matrix, strict bodies) call an operation of the world:
 * who it admits (its `x-k100-callers`), its example request, the objects its path names and whose they are.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fillPath, type ApiDocument, type ApiOperation } from './api-operations.js';
import { examples, type Caller, type CallerName, type CredentialKind, type Example, type World } from './authz-world.js';

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

export const keyOf = (op: ApiOperation) => `${op.method} ${op.template}`;

export function describeCall(op: ApiOperation, caller: Caller, a: Answer) {
  return `${keyOf(op)} as ${caller.name}: ${a.status} ${a.text.slice(0, 300)}`;
}

export function assertDeclared(op: ApiOperation, caller: Caller, a: Answer) {
  assert.ok(op.statuses.includes(String(a.status)), `undeclared status: ${describeCall(op, caller, a)} (declares ${op.statuses.join(', ')})`);
}

export type Sweep = ReturnType<typeof sweepOf>;

export function sweepOf(w: World, doc: ApiDocument) {
  const table = examples(w);
  const counter = { requests: 0 };

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

  /** The example request as `caller`, at the objects `values` name; `bodyText` replaces the example's body. */
  async function send(op: ApiOperation, caller: Caller, values: Record<string, string>, bodyText?: string): Promise<Answer> {
    const ex = exampleOf(op);
    const headers: Record<string, string> = { ...caller.headers };
    if (op.method === 'POST') headers['idempotency-key'] = randomUUID();
    let body: string | undefined;
    if (ex.body !== undefined) {
      body = bodyText ?? (typeof ex.body === 'string' ? ex.body : JSON.stringify(ex.body));
      headers['content-type'] = ex.contentType ?? 'application/json';
    }
    const query = ex.query ? `?${new URLSearchParams(ex.query)}` : '';
    counter.requests++;
    const res = await w.d.t.app.request(fillPath(op.template, values) + query, { method: op.method, headers, ...(body === undefined ? {} : { body }) });
    const contentType = res.headers.get('content-type') ?? '';
    // A live stream never ends: its status and type are the answer.
    if (contentType.startsWith('text/event-stream')) {
      await res.body?.cancel();
      return { status: res.status, contentType, text: '' };
    }
    return { status: res.status, contentType, text: await res.text() };
  }

  function isOwner(op: ApiOperation, caller: Caller, owners: ReadonlySet<CallerName> | undefined) {
    return allowedKinds(op).has(caller.kind) && (owners === undefined || owners.has(caller.name));
  }

  return { allowedKinds, exampleOf, target, send, isOwner, counter };
}
