/**
 * Hostile input against every operation of /v1/openapi.json: fast-check builds requests from each
 * operation's own schemas (fitting, one field broken, hostile), sent by callers who own the objects so
 * many get past authorization, and every answer must be below 500, a refusal must be problem+json, and a
 * 2xx body must match the schema the document declares. A second part sends raw malformed requests over
 * keep-alive sockets to a real listening server: never a 5xx, never a dropped connection.
 *
 * K100_FUZZ_RUNS (default 60) requests per operation, K100_FUZZ_SOCKET_RUNS (default 200) raw requests;
 * K100_FUZZ_SEED replays a failure (the seed is printed with it).
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import fc from 'fast-check';
import { SANDBOX } from '../../server/store/seed.js';
import { apiDocument, operationsOf, type ApiDocument, type ApiOperation } from './api-operations.js';
import { DEMO_ORIGIN } from './app-harness.js';
import { LED, LED_BULB, LED_PANEL, LED_PRIVATE, TEXTILES, clauses, draftedContract, legalEntities, ok, openNegotiation, terms } from './deal-flow.js';
import { anyValue, fittingValue, hostileValue, type KnownValues } from './fuzz-arbitraries.js';
import { answerErrors } from './fuzz-harness.js';
import { HOSTILE_IDS, MALFORMED_JSON_TEXTS, deepArrayText, deepObjectText } from './fuzz-values.js';
import { openPayDeal, payOrder, confirmedOrder, type PayDeal } from './pay-flow.js';
import { BILL_OF_LADING_NO, CONTAINER_NO, DECLARATION_NO, SEAL_NO, contractCartons, packingList, scanned } from './warehouse-flow.js';

const RUNS = Number(process.env.K100_FUZZ_RUNS ?? 60);
const SOCKET_RUNS = Number(process.env.K100_FUZZ_SOCKET_RUNS ?? 200);
const SEED = process.env.K100_FUZZ_SEED === undefined ? (Date.now() ^ (Math.random() * 2 ** 31)) | 0 : Number(process.env.K100_FUZZ_SEED);
const replay = (seed: number) => `replay with K100_FUZZ_SEED=${seed}`;

/** The objects the fuzzed callers own, by path parameter and by body field name. */
interface World {
  d: PayDeal;
  doc: ApiDocument;
  /** Tokens per security scheme (sessions of buyer, supplier, operator; the partner's keys). */
  callers: Record<string, string[]>;
  /** Real ids per `/v1/<resource>` for `{id}`, and per other path parameter name. */
  ids: Record<string, string[]>;
  known: KnownValues;
  /** A body each operation accepts in the right state, by `METHOD template`. */
  exemplars: Record<string, unknown>;
}

async function buildWorld(): Promise<World> {
  const d = await openPayDeal();
  const doc = await apiDocument(d.t);
  const open = await openNegotiation(d);
  const drafted = await draftedContract(d);
  // Three orders: one walks the warehouse, one is disputed (a resolution settles it), one is never paid.
  const paid = await confirmedOrder(d);
  await payOrder(d, paid);
  const disputed = await confirmedOrder(d);
  await payOrder(d, disputed);
  const unpaid = await confirmedOrder(d);
  const order = await ok(d.t.call('GET', `/v1/orders/${paid}`, { token: d.acme }));
  await packingList(d, paid);
  const grant = await ok(d.t.call('POST', '/v1/private-grants', { token: d.led, body: { buyer_id: SANDBOX.buyers.acme, product_ids: [LED_PRIVATE.id] } }), 201);
  const access = await ok(d.t.call('POST', '/v1/access-requests', { token: d.globex, body: { supplier_id: LED, message: 'May we see your private range?' } }), 201);
  const hook = await ok(d.t.call('POST', '/v1/webhook-endpoints', { token: SANDBOX.secretKey, body: { url: 'https://marketplace.example/k100/webhooks' } }), 201);
  const dispute = await ok(d.t.call('POST', `/v1/orders/${disputed}/disputes`, { token: d.acme, body: { reason: 'Cartons are short.' } }), 201);
  const documents = await ok(d.t.call('GET', `/v1/orders/${paid}/documents`, { token: d.acme }));
  const amendment = await d.t.call('POST', `/v1/orders/${paid}/amendments`, {
    token: d.led,
    body: { items: [{ product_id: LED_PANEL.id, quantity: 150 }, { product_id: LED_BULB.id, quantity: 1000 }], reason: 'Short of panels.' },
  });
  const amendmentId = amendment.status === 201 ? ((await amendment.json()) as { id: string }).id : 'amd_none';
  const gateways = ((await ok(d.t.call('GET', '/v1/gateways', { token: d.acme }))).data as { id: string }[]).map((g) => g.id);
  const products = [LED_PANEL.id, LED_BULB.id, LED_PRIVATE.id];
  return {
    d,
    doc,
    callers: {
      sessionToken: [d.acme, d.led, d.operator, d.globex, d.textiles],
      buyer: [d.acme],
      supplier: [d.led],
      operator: [d.operator],
      publishableKey: [SANDBOX.publishableKey],
      secretKey: [SANDBOX.secretKey],
    },
    ids: {
      products,
      'private-grants': [grant.id],
      'access-requests': [access.id],
      negotiations: [open.id, order.negotiation_id ?? open.id],
      'purchase-orders': [drafted.purchase_order_id],
      contracts: [drafted.id, order.contract_id],
      orders: [paid, unpaid],
      disputes: [disputed],
      documents: (documents.data as { id: string }[]).map((x) => x.id),
      'webhook-endpoints': [hook.id],
      product_id: products,
      gateway: gateways,
      dispute_id: [dispute.id],
      aid: [amendmentId],
    },
    exemplars: exemplars(open.id, drafted.purchase_order_id),
    known: {
      product_id: products,
      supplier_id: [LED, TEXTILES],
      buyer_id: [SANDBOX.buyers.acme, SANDBOX.buyers.globex],
      party_id: [SANDBOX.buyers.acme, LED, SANDBOX.operator],
      negotiation_id: [open.id],
      purchase_order_id: [drafted.purchase_order_id],
      currency: ['USD', 'CNY', 'EUR'],
      gateway: gateways,
      barcode: ['PNL-0001', 'BLB-0001'],
    },
  };
}

function exemplars(negotiationId: string, purchaseOrderId: string): Record<string, unknown> {
  const signed = { signer_name: 'Jane Buyer', accept: true };
  return {
    'POST /v1/sessions': { party_id: SANDBOX.buyers.acme },
    'POST /v1/products': { name: 'Fuzz lamp', description: 'A lamp', category: 'lighting', moq: 10, unit_price: 1250, currency: 'USD' },
    'PATCH /v1/products/{id}': { name: 'Renamed panel', unit_price: 1900 },
    'POST /v1/private-grants': { buyer_id: SANDBOX.buyers.globex, product_ids: [LED_PRIVATE.id] },
    'POST /v1/access-requests': { supplier_id: TEXTILES, message: 'May we see your private range?' },
    'POST /v1/access-requests/{id}/approve': { product_ids: [LED_PRIVATE.id] },
    'POST /v1/access-requests/{id}/decline': { comment: 'Not now.' },
    'POST /v1/negotiations': { supplier_id: LED, terms: terms(), message: 'Our first offer' },
    'POST /v1/negotiations/{id}/offers': { terms: terms({ deposit_percent: 40 }), message: 'Deposit 40 %' },
    'POST /v1/purchase-orders': { negotiation_id: negotiationId },
    'POST /v1/contracts': { purchase_order_id: purchaseOrderId, clauses: clauses(), legal_entities: legalEntities() },
    'PATCH /v1/contracts/{id}': { clauses: clauses() },
    'POST /v1/contracts/{id}/send': {},
    'POST /v1/contracts/{id}/request-changes': { comment: 'Deliver one week earlier.' },
    'POST /v1/contracts/{id}/confirm': signed,
    'POST /v1/orders/{id}/payment-intents': { gateway: 'bank_transfer', currency: 'USD' },
    'POST /v1/orders/{id}/disputes': { reason: 'Cartons are short.' },
    'POST /v1/orders/{id}/disputes/{dispute_id}/resolve': { resolution: { kind: 'release' }, note: 'Reviewed' },
    'POST /v1/orders/{id}/packing-list': { cartons: contractCartons(), note: 'Revised' },
    'POST /v1/orders/{id}/receipts': { cartons: scanned(contractCartons()) },
    'POST /v1/orders/{id}/returns': { barcodes: ['PNL-0001'], reason: 'Not ordered' },
    'POST /v1/orders/{id}/inspections': { sampled_barcodes: ['PNL-0001'], result: 'pass', notes: 'Fine' },
    'POST /v1/orders/{id}/measurements': { cartons: contractCartons().map((c) => ({ barcode: c.barcode, weight_kg: c.gross_weight_kg, length_cm: 60, width_cm: 40, height_cm: 30 })) },
    'POST /v1/orders/{id}/consolidation': { mode: 'fcl', container_no: CONTAINER_NO, seal_no: SEAL_NO },
    'POST /v1/orders/{id}/customs-release': { declaration_no: DECLARATION_NO },
    'POST /v1/orders/{id}/tracking-events': { code: 'departed', at: new Date().toISOString(), location: 'Ningbo', bill_of_lading_no: BILL_OF_LADING_NO },
    'POST /v1/orders/{id}/ownership-transfer': {},
    'POST /v1/orders/{id}/amendments': { items: [{ product_id: LED_PANEL.id, quantity: 150 }, { product_id: LED_BULB.id, quantity: 1000 }], reason: 'Short of panels.' },
    'POST /v1/orders/{id}/amendments/{aid}/confirm': signed,
    'POST /v1/orders/{id}/amendments/{aid}/decline': { comment: 'We want the missing panels.' },
    'POST /v1/webhook-endpoints': { url: 'https://marketplace.example/k100/other', description: 'Sync', events: ['contract.confirmed'] },
    'PATCH /v1/webhook-endpoints/{id}': { description: 'Order sync' },
    'POST /sandbox/sessions': { party_id: SANDBOX.buyers.acme },
  };
}

/** The real ids for one path parameter of `template`: `{id}` by its resource, others by name. */
function realIds(w: World, template: string, param: string): string[] {
  if (param !== 'id') return w.ids[param] ?? [];
  if (template.includes('/disputes')) return w.ids.disputes ?? [];
  return w.ids[template.split('/')[2] ?? ''] ?? [];
}

/** One path segment, percent-encoded; a lone surrogate goes out as the (invalid) UTF-8 bytes of it. */
function encodeSegment(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    out += code >= 0xd800 && code <= 0xdfff ? `%ED%${(0xa0 + ((code >> 6) & 0x1f)).toString(16).toUpperCase()}%${(0x80 + (code & 0x3f)).toString(16).toUpperCase()}` : encodeURIComponent(ch);
  }
  return out;
}

/** Percent-encodings a decoder must survive: truncated, non-hex, overlong, NUL, encoded slashes and dots. */
const BAD_ENCODINGS = ['%', '%zz', '%E0%A4%A', '%C0%AE%C0%AE', '%00', '%2e%2e%2f%2e%2e%2f', '%252e', '%FF%FE', '..%2F..%2Fetc%2Fpasswd', '%u0041'];

function pathValue(w: World, template: string, param: string, schema: unknown): fc.Arbitrary<string> {
  const real = realIds(w, template, param);
  return fc.oneof(
    { weight: real.length > 0 ? 10 : 0, arbitrary: real.length > 0 ? fc.constantFrom(...real).map(encodeSegment) : fc.constant('x') },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_IDS).map(encodeSegment) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_ENCODINGS) },
    { weight: 1, arbitrary: fittingValue(w.doc, schema as object).map((v) => encodeSegment(String(v))) },
  );
}

const HOSTILE_TOKENS = ['', 'garbage', "' OR 1=1 --", '../../etc/passwd', 'a'.repeat(5000), 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJidXllcl9hY21lIn0.', 'pk_test_nope', 'sk_test_nope'];

/** The tokens of the callers `x-k100-callers` names (buyer, supplier, operator session; keys), else of every scheme. */
function tokensFor(w: World, op: ApiOperation): string[] {
  const named: string[] = w.doc.paths[op.template]?.[op.method.toLowerCase()]?.['x-k100-callers'] ?? [];
  const tokens = named.flatMap((caller) => {
    if (caller.startsWith('any session')) return w.callers.sessionToken ?? [];
    const kind = /^(buyer|supplier|operator) session/.exec(caller)?.[1];
    if (kind) return w.callers[kind] ?? [];
    if (caller === 'publishable key') return w.callers.publishableKey ?? [];
    if (caller === 'secret key') return w.callers.secretKey ?? [];
    return [];
  });
  return tokens.length > 0 ? tokens : op.schemes.flatMap((s) => w.callers[s] ?? []);
}

function callerArb(w: World, op: ApiOperation): fc.Arbitrary<Record<string, string>> {
  const tokens = tokensFor(w, op);
  const owned = tokens.length > 0 ? fc.constantFrom(...tokens).map((t) => ({ authorization: `Bearer ${t}`, ...(t.startsWith('pk_') ? { origin: DEMO_ORIGIN } : {}) })) : fc.constant({});
  return fc.oneof(
    { weight: 12, arbitrary: owned },
    { weight: 1, arbitrary: fc.constantFrom(...(w.callers.sessionToken ?? [])).map((t) => ({ authorization: `Bearer ${t}` })) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_TOKENS).map((t) => ({ authorization: `Bearer ${t}` })) },
  );
}

const stringOf = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v));

function queryArb(w: World, op: ApiOperation): fc.Arbitrary<string> {
  const params = op.query.map((q) =>
    fc.oneof(
      { weight: q.required ? 0 : 3, arbitrary: fc.constant<string | undefined>(undefined) },
      { weight: 5, arbitrary: fittingValue(w.doc, q.schema, w.known, q.name).map(stringOf) },
      { weight: 2, arbitrary: hostileValue.map(stringOf).map((v) => v.slice(0, 5000)) },
    ).map((v) => (v === undefined ? '' : `${encodeURIComponent(q.name)}=${encodeSegment(v)}`)),
  );
  const extra = fc.oneof(
    { weight: 8, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_ENCODINGS).map((e) => `${op.query[0]?.name ?? 'q'}=${e}`) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__[x]=1', 'limit=1&limit=2', 'constructor=1', 'a[b][c]=1') },
  );
  return fc.tuple(fc.tuple(...params), extra).map(([ps, e]) => [...ps, e].filter(Boolean).join('&'));
}

interface FuzzBody {
  contentType?: string;
  text?: string | Uint8Array<ArrayBuffer>;
}

/** The binary upload types an operation declares, when its body is not JSON. */
function binaryTypes(doc: ApiDocument, op: ApiOperation): string[] {
  const content = doc.paths[op.template]?.[op.method.toLowerCase()]?.requestBody?.content ?? {};
  return Object.keys(content).filter((t) => t !== 'application/json');
}

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

function bodyArb(w: World, op: ApiOperation): fc.Arbitrary<FuzzBody> {
  if (op.method === 'GET') return fc.constantFrom<FuzzBody>({}, { contentType: 'application/json' }, { contentType: 'text/plain' });
  const binary = binaryTypes(w.doc, op);
  if (binary.length > 0) {
    return fc.record({
      contentType: fc.constantFrom(...binary, 'application/json', 'text/plain'),
      text: fc.oneof(fc.constant(PDF), fc.uint8Array({ maxLength: 64 }).map((b) => new Uint8Array(b)), fc.constant(new Uint8Array())),
    });
  }
  const json = (v: unknown): FuzzBody => ({ contentType: 'application/json', text: JSON.stringify(v) ?? 'null' });
  const raw = fc.oneof(
    fc.constantFrom(...MALFORMED_JSON_TEXTS),
    fc.constantFrom(deepArrayText(10_000), deepObjectText(10_000)),
  );
  return fc.oneof(
    { weight: op.body ? 12 : 0, arbitrary: anyValue(w.doc, op.body, w.known, w.exemplars[`${op.method} ${op.template}`]).map(json) },
    { weight: op.body ? 0 : 6, arbitrary: fc.constant<FuzzBody>({}) },
    { weight: 2, arbitrary: raw.map((text) => ({ contentType: 'application/json', text })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'application/jsonx', 'multipart/form-data; boundary=x'), fc.jsonValue({ maxDepth: 2 })).map(([contentType, v]) => ({ contentType, text: JSON.stringify(v) })) },
    { weight: 1, arbitrary: fittingValue(w.doc, op.body ?? {}, w.known).map((v) => ({ text: JSON.stringify(v) ?? '' })) },
  );
}

function headerArb(w: World, op: ApiOperation): fc.Arbitrary<Record<string, string>> {
  const declared: any[] = (w.doc.paths[op.template]?.[op.method.toLowerCase()]?.parameters ?? []).filter((p: any) => p.in === 'header');
  const one = (name: string) =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant<Record<string, string>>({}) },
      { weight: 4, arbitrary: fc.uuid().map((v) => ({ [name]: v })) },
      { weight: 1, arbitrary: fc.constantFrom('', "' OR 1=1", 'a'.repeat(2000), '../..', '-1', '999999999999999999999').map((v) => ({ [name]: v })) },
    );
  return fc.tuple(...declared.map((p) => one(p.name as string))).map((hs) => Object.assign({}, ...hs));
}

interface FuzzRequest {
  path: string;
  headers: Record<string, string>;
  body: FuzzBody;
}

function requestArb(w: World, op: ApiOperation): fc.Arbitrary<FuzzRequest> {
  const params: any[] = [...(w.doc.paths[op.template]?.parameters ?? []), ...(w.doc.paths[op.template]?.[op.method.toLowerCase()]?.parameters ?? [])];
  const pathArbs = op.pathParams.map((name) => pathValue(w, op.template, name, params.find((p) => p.name === name && p.in === 'path')?.schema));
  return fc.record({ segs: fc.tuple(...pathArbs), query: queryArb(w, op), caller: callerArb(w, op), headers: headerArb(w, op), body: bodyArb(w, op) }).map(({ segs, query, caller, headers, body }) => {
    let i = 0;
    const path = op.template.replace(/\{[^}]+\}/g, () => segs[i++]!) + (query ? `?${query}` : '');
    return { path, headers: { ...caller, ...headers, ...(body.contentType ? { 'content-type': body.contentType } : {}) }, body };
  });
}

async function send(w: World, op: ApiOperation, req: FuzzRequest): Promise<Response> {
  return w.d.t.app.request(req.path, { method: op.method, headers: req.headers, ...(req.body.text === undefined ? {} : { body: req.body.text }) });
}

/** The answer as text; a live stream (the order's events) is only checked by its headers, then cancelled. */
async function answerOf(res: Response) {
  const contentType = res.headers.get('content-type') ?? '';
  if (contentType.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, contentType, text: '' };
  }
  return { status: res.status, contentType, text: await res.text() };
}

/** Deletions last, so the objects they remove are there for every other operation first. */
const deletionsLast = (a: ApiOperation, b: ApiOperation) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE');

describe('fuzz: hostile requests to every operation of the API document', () => {
  let w: World;
  before(async () => {
    w = await buildWorld();
  });
  after(async () => {
    await w?.d.t.close();
  });

  test(`every operation: no 5xx, refusals are problem+json, 2xx match the document (${RUNS} runs each, seed ${SEED})`, async (t) => {
    const ops = operationsOf(w.doc).sort(deletionsLast);
    assert.ok(ops.length >= 70, `only ${ops.length} operations in the document`);
    const reached: Record<string, number> = {};
    let index = 0;
    for (const op of ops) {
      const seed = SEED + index++;
      const name = `${op.method} ${op.template}`;
      await t.test(name, async () => {
        let twoHundreds = 0;
        const statuses: Record<string, number> = {};
        const result = await fc.check(
          fc.asyncProperty(requestArb(w, op), async (req) => {
            const answer = await answerOf(await send(w, op, req));
            if (answer.status < 300) twoHundreds++;
            const key = answer.status >= 400 ? `${answer.status} ${/"type":"[^"]*\/([^"]+)"/.exec(answer.text)?.[1]}` : String(answer.status);
            statuses[key] = (statuses[key] ?? 0) + 1;
            if (process.env.K100_FUZZ_VERBOSE === '2' && answer.status === 422) console.log(name, String(req.body.text).slice(0, 300), answer.text.slice(0, 400));
            const errors = answerErrors(w.doc, op.answers, answer);
            if (errors.length > 0) throw new Error(`${op.method} ${req.path.slice(0, 300)} (${JSON.stringify(req.headers).slice(0, 200)}; body ${String(req.body.text ?? '').slice(0, 300)}):\n  ${errors.join('\n  ')}`);
          }),
          { numRuns: RUNS, seed, endOnFailure: process.env.K100_FUZZ_SHRINK !== '1' },
        );
        reached[name] = twoHundreds;
        if (process.env.K100_FUZZ_VERBOSE) console.log(name, JSON.stringify(statuses));
        if (result.failed) {
          const why = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
          assert.fail(`${name} failed after ${result.numRuns} runs; ${replay(SEED)} (this operation's seed ${seed}, path ${result.counterexamplePath}):\n${why}`);
        }
      });
    }
    // Most operations must have answered 2xx at least once, or the fuzzer only ever tested the validators.
    const never = Object.entries(reached).filter(([, n]) => n === 0).map(([name]) => name);
    t.diagnostic(`no 2xx in ${RUNS} runs: ${never.length} of ${ops.length}: ${never.join(', ')}`);
    assert.ok(never.length <= ops.length / 3, `too few operations reached a 2xx: ${never.join(', ')}`);
  });
});
