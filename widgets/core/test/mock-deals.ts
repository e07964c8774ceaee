/**
 * The deal part of the fake K100 API (negotiations, purchase orders, contracts) for widget browser tests.
 * It runs the server's own pure rules (pricing, differences, the negotiation state machine) and its
 * Terms schema, so the widgets meet the shapes, refusals and 422s the real API answers.
 */
import { HttpResponse, http } from 'msw';
import type { Product } from '../../../server/schemas/catalog.js';
import type { Contract, ContractVerification } from '../../../server/schemas/contracts.js';
import type { Negotiation as NegotiationJson, PurchaseOrder } from '../../../server/schemas/negotiations.js';
import type { Clause, LegalEntities, ProductSnapshot, Terms } from '../../../server/schemas/terms.js';
import { Terms as TermsSchema } from '../../../server/schemas/terms.js';
import {
  acceptNegotiation,
  allowedNegotiationActions,
  nextToAct,
  openNegotiation,
  submitOffer,
  withdrawNegotiation,
  type Negotiation as DomainNegotiation,
} from '../../../server/domain/negotiation.js';
import { REFUSAL_STATUS, type Party, type Refusal, type Result } from '../../../server/domain/refusal.js';
import { diffClauses, diffLegalEntities, diffTerms, priceTerms } from '../../../server/domain/terms.js';

type Problem = (status: number, type: string, title: string, extra?: object) => Response;
type Caller = Party | 'other';

export interface DealEnv {
  problem: Problem;
  /** The party kind a request's bearer token stands for. */
  party: (request: Request) => Caller;
}

const NOW = '2026-11-27T10:00:00.000Z';
export const BUYER = { id: 'buyer_acme', name: 'Acme Imports' };
export const SUPPLIER = { id: 'sup_led', name: 'Shenzhen LED Co.' };

interface StoredNegotiation {
  id: string;
  state: DomainNegotiation;
  products: Map<string, ProductSnapshot>;
  purchase_order_id: string | null;
}

interface StoredVersion {
  version: number;
  terms: Terms;
  clauses: Clause[];
  legal_entities: LegalEntities;
  sent_at: string | null;
}

interface StoredContract {
  id: string;
  purchase_order_id: string;
  status: Contract['status'];
  versions: StoredVersion[];
  change_requests: Contract['change_requests'];
  signer_name: string | null;
  digest: string | null;
  order_id: string | null;
}

interface StoredPurchaseOrder {
  id: string;
  negotiation_id: string;
  status: PurchaseOrder['status'];
  contract_id: string | null;
}

class RefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new RefusedError(result);
  return result.value;
}

export const DIGEST = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';

/** What the fake server holds of deals; `reset()` before each test. */
export const deals = {
  negotiations: [] as StoredNegotiation[],
  purchaseOrders: [] as StoredPurchaseOrder[],
  contracts: [] as StoredContract[],
  /** Makes `verify` report a broken audit chain. */
  tampered: false,
  products: (() => []) as () => Product[],

  reset(products: () => Product[]) {
    this.negotiations = [];
    this.purchaseOrders = [];
    this.contracts = [];
    this.tampered = false;
    this.products = products;
  },

  snapshot(productId: string): ProductSnapshot {
    const p = this.products().find((x) => x.id === productId);
    return { product_id: productId, name: p?.name ?? productId, list_unit_price: p?.unit_price ?? 0, list_currency: p?.currency ?? 'USD' };
  },

  open(terms: Terms, message: string | null = null): StoredNegotiation {
    const state = unwrap(openNegotiation('buyer', { terms, message, at: NOW }));
    const stored = {
      id: `neg_${this.negotiations.length + 1}`,
      state,
      products: new Map(terms.items.map((i) => [i.product_id, this.snapshot(i.product_id)])),
      purchase_order_id: null,
    };
    this.negotiations.push(stored);
    return stored;
  },
  negotiation(id: string): StoredNegotiation {
    const found = this.negotiations.find((n) => n.id === id);
    if (!found) throw new RefusedError({ ok: false, code: 'not_accepted', message: 'not found' });
    return found;
  },
  offer(id: string, by: Party, terms: Terms, message: string | null = null) {
    const n = this.negotiation(id);
    n.state = unwrap(submitOffer(n.state, by, { terms, message, at: NOW }));
    for (const item of terms.items) if (!n.products.has(item.product_id)) n.products.set(item.product_id, this.snapshot(item.product_id));
    return n;
  },
  accept(id: string, by: Party) {
    const n = this.negotiation(id);
    n.state = unwrap(acceptNegotiation(n.state, by, NOW));
    return n;
  },
  withdraw(id: string, by: Party) {
    const n = this.negotiation(id);
    n.state = unwrap(withdrawNegotiation(n.state, by, NOW));
    return n;
  },
  issue(negotiationId: string): StoredPurchaseOrder {
    const n = this.negotiation(negotiationId);
    if (n.state.status !== 'accepted') throw new RefusedError({ ok: false, code: 'not_accepted', message: 'Not accepted.' });
    if (n.purchase_order_id) throw new RefusedError({ ok: false, code: 'already_issued', message: 'Already issued.' });
    const po = { id: `po_${this.purchaseOrders.length + 1}`, negotiation_id: n.id, status: 'issued' as const, contract_id: null };
    n.purchase_order_id = po.id;
    this.purchaseOrders.push(po);
    return po;
  },
  agreedTerms(po: StoredPurchaseOrder): Terms {
    const n = this.negotiation(po.negotiation_id);
    return n.state.offers.find((o) => o.seq === n.state.accepted_offer_seq)!.terms;
  },
  draft(poId: string, clauses: Clause[], legal_entities: LegalEntities): StoredContract {
    const po = this.purchaseOrders.find((p) => p.id === poId)!;
    if (po.contract_id) throw new RefusedError({ ok: false, code: 'contract_exists', message: 'Exists.' });
    const contract: StoredContract = {
      id: `ctr_${this.contracts.length + 1}`,
      purchase_order_id: po.id,
      status: 'draft',
      versions: [{ version: 1, terms: this.agreedTerms(po), clauses, legal_entities, sent_at: null }],
      change_requests: [],
      signer_name: null,
      digest: null,
      order_id: null,
    };
    po.contract_id = contract.id;
    po.status = 'contract_drafted';
    this.contracts.push(contract);
    return contract;
  },
  contract(id: string): StoredContract {
    return this.contracts.find((c) => c.id === id)!;
  },
  revise(id: string, patch: Partial<Pick<StoredVersion, 'terms' | 'clauses' | 'legal_entities'>>) {
    const c = this.contract(id);
    if (c.status === 'confirmed') throw new RefusedError({ ok: false, code: 'contract_confirmed', message: 'Confirmed.' });
    if (c.status === 'sent') throw new RefusedError({ ok: false, code: 'not_editable', message: 'Sent.' });
    const current = c.versions.at(-1)!;
    const content = { ...current, ...patch };
    if (c.status === 'changes_requested') c.versions.push({ ...content, version: current.version + 1, sent_at: null });
    else c.versions[c.versions.length - 1] = content;
    c.status = 'draft';
    return c;
  },
  send(id: string) {
    const c = this.contract(id);
    if (c.status !== 'draft') throw new RefusedError({ ok: false, code: 'not_draft', message: 'Not a draft.' });
    c.versions.at(-1)!.sent_at = NOW;
    c.status = 'sent';
    return c;
  },
  requestChanges(id: string, comment: string) {
    const c = this.contract(id);
    if (c.status !== 'sent') throw new RefusedError({ ok: false, code: 'not_sent', message: 'Not sent.' });
    c.change_requests.push({ version: c.versions.at(-1)!.version, comment, at: NOW });
    c.status = 'changes_requested';
    return c;
  },
  confirm(id: string, signer: string) {
    const c = this.contract(id);
    if (c.status !== 'sent') throw new RefusedError({ ok: false, code: 'not_sent', message: 'Not sent.' });
    Object.assign(c, { status: 'confirmed', signer_name: signer, digest: DIGEST, order_id: `ord_${c.id}` });
    const po = this.purchaseOrders.find((p) => p.id === c.purchase_order_id)!;
    po.status = 'contract_confirmed';
    return c;
  },
};

function negotiationJson(n: StoredNegotiation, caller: Party): NegotiationJson {
  const offers = n.state.offers.map((offer, i) => ({
    seq: offer.seq,
    by: offer.by,
    terms: priceTerms(offer.terms),
    products: offer.terms.items.map((item) => n.products.get(item.product_id)!),
    message: offer.message,
    at: offer.at,
    differences: i === 0 ? [] : diffTerms(n.state.offers[i - 1]!.terms, offer.terms),
  }));
  const accepted = offers.find((o) => o.seq === n.state.accepted_offer_seq);
  return {
    id: n.id,
    status: n.state.status,
    buyer: BUYER,
    supplier: SUPPLIER,
    offer_count: offers.length,
    latest_offer: offers.at(-1)!,
    offers,
    next_to_act: nextToAct(n.state),
    allowed_actions: allowedNegotiationActions(n.state, caller, n.purchase_order_id !== null),
    accepted_offer_seq: n.state.accepted_offer_seq,
    accepted_by: n.state.accepted_by,
    consensus: accepted?.terms ?? null,
    purchase_order_id: n.purchase_order_id,
    created_at: NOW,
    updated_at: NOW,
    closed_at: n.state.closed_at,
  };
}

function purchaseOrderJson(po: StoredPurchaseOrder, caller: Caller): PurchaseOrder {
  const n = deals.negotiation(po.negotiation_id);
  const terms = deals.agreedTerms(po);
  return {
    id: po.id,
    status: po.status,
    negotiation_id: n.id,
    accepted_offer_seq: n.state.accepted_offer_seq!,
    buyer: BUYER,
    supplier: SUPPLIER,
    terms: priceTerms(terms),
    products: terms.items.map((i) => n.products.get(i.product_id)!),
    contract_id: po.contract_id,
    legal_entity_defaults: {
      seller: { name: 'Shenzhen LED Co., Ltd.', address: '88 Keji Road, Nanshan, Shenzhen', country: 'CN' },
      buyer: null,
    },
    allowed_actions: caller === 'supplier' && !po.contract_id ? ['draft_contract'] : [],
    created_at: NOW,
    updated_at: NOW,
  };
}

function contractJson(c: StoredContract, caller: Caller): Contract {
  const po = deals.purchaseOrders.find((p) => p.id === c.purchase_order_id)!;
  const n = deals.negotiation(po.negotiation_id);
  const agreed = deals.agreedTerms(po);
  const current = c.versions.at(-1)!;
  const previous = c.versions.at(-2);
  const products = current.terms.items.map((i) => n.products.get(i.product_id) ?? deals.snapshot(i.product_id));
  const version = (v: StoredVersion) => ({ ...v, terms: priceTerms(v.terms), products, created_at: NOW, updated_at: NOW });
  const actions: Record<Contract['status'], Partial<Record<Caller, Contract['allowed_actions']>>> = {
    draft: { supplier: ['revise', 'send'] },
    changes_requested: { supplier: ['revise'] },
    sent: { buyer: ['request_changes', 'confirm'] },
    confirmed: {},
  };
  return {
    id: c.id,
    status: c.status,
    purchase_order_id: po.id,
    negotiation_id: n.id,
    buyer: BUYER,
    supplier: SUPPLIER,
    version: current.version,
    terms: priceTerms(current.terms),
    allowed_actions: actions[c.status][caller] ?? [],
    signer_name: c.signer_name,
    confirmed_at: c.status === 'confirmed' ? NOW : null,
    digest: c.digest,
    order_id: c.order_id,
    created_at: NOW,
    updated_at: NOW,
    clauses: current.clauses,
    legal_entities: current.legal_entities,
    products,
    agreed_terms: priceTerms(agreed),
    versions: c.versions.map(version),
    differences: {
      from_agreed_terms: diffTerms(agreed, current.terms),
      from_previous_version: previous
        ? [
            ...diffTerms(previous.terms, current.terms),
            ...diffClauses(previous.clauses, current.clauses),
            ...diffLegalEntities(previous.legal_entities, current.legal_entities),
          ]
        : [],
    },
    change_requests: c.change_requests,
  };
}

function verification(c: StoredContract): ContractVerification {
  const length = 2 + c.versions.length + c.change_requests.length;
  const broken = deals.tampered;
  return {
    contract_id: c.id,
    status: c.status,
    valid: !broken,
    digest: { valid: true, expected: c.digest, actual: c.digest, recorded_in_chain: c.digest },
    chain: broken ? { valid: false, length, broken_at_seq: 2, reason: 'hash_mismatch' } : { valid: true, length },
    anchor: { valid: !broken, length, head_hash: DIGEST },
    versions: [],
    evidence: { valid: true },
    amendments: [],
    failures: broken
      ? [{ check: 'chain', where: 'audit entry 2', reason: 'hash_mismatch', message: 'The entry does not hash to what the next one recorded.' }]
      : [],
  };
}

/** The deal routes of the fake API. */
export function createDealHandlers({ problem, party }: DealEnv) {
  const refused = (error: unknown) => {
    if (error instanceof RefusedError) {
      const status = REFUSAL_STATUS[error.refusal.code];
      return problem(status, error.refusal.code.replaceAll('_', '-'), 'Refused', { detail: error.refusal.message, code: error.refusal.code });
    }
    throw error;
  };
  /** Runs a route for a buyer or supplier; anyone else gets 404, like the real API. */
  const route =
    (run: (caller: Party, args: { request: Request; params: Record<string, string>; body: () => Promise<any> }) => Response | Promise<Response>) =>
    async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
      const caller = party(request);
      if (caller === 'other') return problem(404, 'not-found', 'Not found');
      try {
        return await run(caller, { request, params: params as Record<string, string>, body: () => request.clone().json() });
      } catch (error) {
        return refused(error);
      }
    };
  const invalid = (body: { terms?: unknown }) => {
    const parsed = TermsSchema.safeParse(body.terms);
    if (parsed.success) return { terms: parsed.data as Terms };
    const errors = parsed.error.issues.map((i) => ({ path: ['terms', ...i.path].map(String).join('.'), message: i.message }));
    return { response: problem(422, 'validation', 'Validation failed', { errors }) };
  };
  const list = <T>(data: T[]) => HttpResponse.json({ data, next_cursor: null });
  const status = (request: Request) => new URL(request.url).searchParams.get('status');

  return [
    http.get('*/v1/negotiations', route((caller, { request }) =>
      list(deals.negotiations.map((n) => negotiationJson(n, caller)).filter((n) => !status(request) || n.status === status(request))),
    )),
    http.get('*/v1/negotiations/:id', route((caller, { params }) => HttpResponse.json(negotiationJson(deals.negotiation(params['id']!), caller)))),
    http.post('*/v1/negotiations', route(async (caller, { body }) => {
      const json = await body();
      const checked = invalid(json);
      if (checked.response) return checked.response;
      if (caller !== 'buyer') return problem(403, 'wrong-party', 'Forbidden');
      return HttpResponse.json(negotiationJson(deals.open(checked.terms, json.message ?? null), caller), { status: 201 });
    })),
    http.post('*/v1/negotiations/:id/offers', route(async (caller, { params, body }) => {
      const json = await body();
      const checked = invalid(json);
      if (checked.response) return checked.response;
      return HttpResponse.json(negotiationJson(deals.offer(params['id']!, caller, checked.terms, json.message ?? null), caller), { status: 201 });
    })),
    http.post('*/v1/negotiations/:id/accept', route((caller, { params }) => HttpResponse.json(negotiationJson(deals.accept(params['id']!, caller), caller)))),
    http.post('*/v1/negotiations/:id/withdraw', route((caller, { params }) => HttpResponse.json(negotiationJson(deals.withdraw(params['id']!, caller), caller)))),

    http.get('*/v1/purchase-orders', route((caller, { request }) =>
      list(deals.purchaseOrders.filter((p) => !status(request) || p.status === status(request)).map((p) => purchaseOrderJson(p, caller))),
    )),
    http.get('*/v1/purchase-orders/:id', route((caller, { params }) => {
      const po = deals.purchaseOrders.find((p) => p.id === params['id']);
      return po ? HttpResponse.json(purchaseOrderJson(po, caller)) : problem(404, 'not-found', 'Not found');
    })),
    http.post('*/v1/purchase-orders', route(async (caller, { body }) => {
      if (caller !== 'buyer') return problem(403, 'wrong-party', 'Forbidden');
      const { negotiation_id } = await body();
      return HttpResponse.json(purchaseOrderJson(deals.issue(negotiation_id), caller), { status: 201 });
    })),

    http.get('*/v1/contracts', route((caller, { request }) =>
      list(deals.contracts.filter((c) => !status(request) || c.status === status(request)).map((c) => contractJson(c, caller))),
    )),
    http.get('*/v1/contracts/:id', route((caller, { params }) => {
      const c = deals.contracts.find((x) => x.id === params['id']);
      return c ? HttpResponse.json(contractJson(c, caller)) : problem(404, 'not-found', 'Not found');
    })),
    http.post('*/v1/contracts', route(async (caller, { body }) => {
      if (caller !== 'supplier') return problem(403, 'wrong-party', 'Forbidden');
      const json = await body();
      const empty = (json.clauses as Clause[]).findIndex((c) => !c.title.trim());
      if (empty >= 0) return problem(422, 'validation', 'Validation failed', { errors: [{ path: `clauses.${empty}.title`, message: 'must not be empty' }] });
      return HttpResponse.json(contractJson(deals.draft(json.purchase_order_id, json.clauses, json.legal_entities), caller), { status: 201 });
    })),
    http.patch('*/v1/contracts/:id', route(async (caller, { params, body }) => {
      if (caller !== 'supplier') return problem(403, 'wrong-party', 'Forbidden');
      const json = await body();
      return HttpResponse.json(contractJson(deals.revise(params['id']!, json), caller));
    })),
    http.post('*/v1/contracts/:id/send', route((caller, { params }) =>
      caller === 'supplier' ? HttpResponse.json(contractJson(deals.send(params['id']!), caller)) : problem(403, 'wrong-party', 'Forbidden'),
    )),
    http.post('*/v1/contracts/:id/request-changes', route(async (caller, { params, body }) => {
      if (caller !== 'buyer') return problem(403, 'wrong-party', 'Forbidden');
      const { comment } = await body();
      if (!String(comment ?? '').trim()) return problem(422, 'validation', 'Validation failed', { errors: [{ path: 'comment', message: 'must not be empty' }] });
      return HttpResponse.json(contractJson(deals.requestChanges(params['id']!, comment), caller));
    })),
    http.post('*/v1/contracts/:id/confirm', route(async (caller, { params, body }) => {
      if (caller !== 'buyer') return problem(403, 'wrong-party', 'Forbidden');
      const { signer_name, accept } = await body();
      if (accept !== true) return problem(422, 'validation', 'Validation failed', { errors: [{ path: 'accept', message: 'must be true' }] });
      return HttpResponse.json(contractJson(deals.confirm(params['id']!, signer_name), caller));
    })),
    http.get('*/v1/contracts/:id/verify', route((_caller, { params }) => HttpResponse.json(verification(deals.contract(params['id']!))))),
    http.get('*/v1/contracts/:id/document', route((_caller, { params }) =>
      new HttpResponse(`<!doctype html><title>Contract ${params['id']}</title>`, {
        headers: { 'content-type': 'text/html; charset=utf-8', 'content-disposition': `attachment; filename="contract-${params['id']}-v1.html"` },
      }),
    )),
  ];
}
