/** Negotiations as transactions: open with a first offer, counter, accept, withdraw; each one locked, checked and written at once. */
import { newId } from '../domain/ids.js';
import {
  acceptNegotiation,
  allowedNegotiationActions,
  consensus,
  nextToAct,
  openNegotiation,
  submitOffer,
  withdrawNegotiation,
  type Negotiation,
} from '../domain/negotiation.js';
import { unwrap, type Party } from '../domain/refusal.js';
import { diffTerms, priceTerms } from '../domain/terms.js';
import { notFound } from '../problem.js';
import type { Negotiation as NegotiationView, NegotiationSummary, Offer as OfferView } from '../schemas/negotiations.js';
import type { ProductSnapshot, Terms } from '../schemas/terms.js';
import type { Queryable, Store } from '../store/db.js';
import {
  getNegotiationFor,
  insertNegotiation,
  insertOffer,
  listNegotiations,
  listOffers,
  lockNegotiation,
  offersOf,
  updateNegotiation,
  type NegotiationRecord,
  type OfferRow,
} from '../store/negotiations.js';
import type { DealListQuery, Page } from '../store/paging.js';
import { findPartyOfKind } from '../store/parties.js';
import { inTransaction } from '../store/transaction.js';
import { checkTermsProducts } from './terms-products.js';

/** Which side of a deal a party is on; callers have already checked it is one of the two. */
export const roleIn = (deal: { buyer_id: string }, partyId: string): Party => (deal.buyer_id === partyId ? 'buyer' : 'supplier');

export const sideOf = (party: { id: string; kind: 'buyer' | 'supplier' }) =>
  party.kind === 'buyer' ? { buyer_id: party.id } : { supplier_id: party.id };

export interface LoadedNegotiation {
  record: NegotiationRecord;
  offers: OfferRow[];
  negotiation: Negotiation;
}

export function toDomainNegotiation(record: NegotiationRecord, offers: readonly OfferRow[]): Negotiation {
  return {
    status: record.status,
    offers: offers.map((o) => ({ seq: Number(o.seq), by: o.by, terms: JSON.parse(o.terms) as Terms, message: o.message, at: o.at })),
    accepted_offer_seq: record.accepted_offer_seq === null ? null : Number(record.accepted_offer_seq),
    accepted_by: record.accepted_by,
    closed_at: record.closed_at,
  };
}

/**
 * The negotiation if `partyId` is one of its parties, else 404. With `lock`, the row is locked first so
 * what is read is what the rest of the transaction acts on (concurrent offers and accepts queue).
 */
export async function loadNegotiation(q: Queryable, partyId: string, id: string, lock = false): Promise<LoadedNegotiation> {
  if (lock) await lockNegotiation(q, id);
  const record = await getNegotiationFor(q, partyId, id);
  if (!record) throw notFound('negotiation');
  const offers = await listOffers(q, id);
  return { record, offers, negotiation: toDomainNegotiation(record, offers) };
}

/** Blank messages are no message. */
const noteOf = (message: string | undefined) => (message ? message : null);

export function startNegotiation(
  store: Store,
  input: { buyerId: string; supplierId: string; terms: Terms; message?: string | undefined; now?: Date },
): Promise<LoadedNegotiation> {
  const at = (input.now ?? new Date()).toISOString();
  return inTransaction(store, async (q) => {
    if (!(await findPartyOfKind(q, input.supplierId, 'supplier'))) throw notFound('supplier');
    const negotiation = unwrap(openNegotiation('buyer', { terms: input.terms, message: noteOf(input.message), at }));
    const products = await checkTermsProducts(q, {
      buyerId: input.buyerId,
      supplierId: input.supplierId,
      items: input.terms.items,
      path: 'terms.items',
    });
    const id = newId('neg');
    await insertNegotiation(q, {
      id,
      buyer_id: input.buyerId,
      supplier_id: input.supplierId,
      status: 'open',
      accepted_offer_seq: null,
      accepted_by: null,
      closed_at: null,
      created_at: at,
      updated_at: at,
    });
    await insertOfferOf(q, id, negotiation, products);
    return loadNegotiation(q, input.buyerId, id);
  });
}

async function insertOfferOf(q: Queryable, negotiationId: string, negotiation: Negotiation, products: ProductSnapshot[]): Promise<void> {
  const offer = negotiation.offers.at(-1)!;
  await insertOffer(q, {
    negotiation_id: negotiationId,
    seq: offer.seq,
    by: offer.by,
    terms: JSON.stringify(offer.terms),
    products: JSON.stringify(products),
    message: offer.message,
    at: offer.at,
  });
}

/** A counter-offer by whichever party's turn it is; the state is checked before the products. */
export function makeOffer(
  store: Store,
  input: { partyId: string; id: string; terms: Terms; message?: string | undefined; now?: Date },
): Promise<LoadedNegotiation> {
  const at = (input.now ?? new Date()).toISOString();
  return inTransaction(store, async (q) => {
    const { record, offers, negotiation } = await loadNegotiation(q, input.partyId, input.id, true);
    const next = unwrap(submitOffer(negotiation, roleIn(record, input.partyId), { terms: input.terms, message: noteOf(input.message), at }));
    const latest = offers.at(-1);
    const products = await checkTermsProducts(q, {
      buyerId: record.buyer_id,
      supplierId: record.supplier_id,
      items: input.terms.items,
      path: 'terms.items',
      previous: latest ? (JSON.parse(latest.products) as ProductSnapshot[]) : [],
    });
    await insertOfferOf(q, record.id, next, products);
    await updateNegotiation(q, record.id, { ...closing(next), updated_at: at });
    return loadNegotiation(q, input.partyId, input.id);
  });
}

const closing = (n: Negotiation) => ({
  status: n.status,
  accepted_offer_seq: n.accepted_offer_seq,
  accepted_by: n.accepted_by,
  closed_at: n.closed_at,
});

/** Accept (the party who did not make the latest offer) or withdraw (the buyer): both close it for good. */
export function closeNegotiation(
  store: Store,
  input: { partyId: string; id: string; action: 'accept' | 'withdraw'; now?: Date },
): Promise<LoadedNegotiation> {
  const at = (input.now ?? new Date()).toISOString();
  return inTransaction(store, async (q) => {
    const { record, negotiation } = await loadNegotiation(q, input.partyId, input.id, true);
    const actor = roleIn(record, input.partyId);
    const next = unwrap(input.action === 'accept' ? acceptNegotiation(negotiation, actor, at) : withdrawNegotiation(negotiation, actor, at));
    await updateNegotiation(q, record.id, { ...closing(next), updated_at: at });
    return loadNegotiation(q, input.partyId, input.id);
  });
}

function presentOffers(offers: readonly OfferRow[]): OfferView[] {
  let previous: Terms | null = null;
  return offers.map((o) => {
    const terms = JSON.parse(o.terms) as Terms;
    const view: OfferView = {
      seq: Number(o.seq),
      by: o.by,
      terms: priceTerms(terms),
      products: JSON.parse(o.products) as ProductSnapshot[],
      message: o.message,
      at: o.at,
      differences: previous ? diffTerms(previous, terms) : [],
    };
    previous = terms;
    return view;
  });
}

/** The negotiation as `partyId` sees it: history with differences, whose turn it is and what they may do. */
export function presentNegotiation({ record, offers, negotiation }: LoadedNegotiation, partyId: string): NegotiationView {
  const history = presentOffers(offers);
  const agreed = consensus(negotiation);
  return {
    id: record.id,
    status: record.status,
    buyer: { id: record.buyer_id, name: record.buyer_name },
    supplier: { id: record.supplier_id, name: record.supplier_name },
    offer_count: history.length,
    latest_offer: history.at(-1)!,
    next_to_act: nextToAct(negotiation),
    allowed_actions: allowedNegotiationActions(negotiation, roleIn(record, partyId), record.purchase_order_id !== null),
    accepted_offer_seq: negotiation.accepted_offer_seq,
    accepted_by: negotiation.accepted_by,
    consensus: agreed ? priceTerms(agreed) : null,
    purchase_order_id: record.purchase_order_id,
    created_at: record.created_at,
    updated_at: record.updated_at,
    closed_at: record.closed_at,
    offers: history,
  };
}

/** A page of the caller's negotiations; list items leave out the full history. */
export async function negotiationPage(
  store: Store,
  party: { id: string; kind: 'buyer' | 'supplier' },
  query: DealListQuery,
): Promise<Page<NegotiationSummary>> {
  const page = await listNegotiations(store, sideOf(party), query);
  const offers = await offersOf(store, page.data.map((r) => r.id));
  return {
    data: page.data.map((record) => {
      const rows = offers.get(record.id) ?? [];
      const { offers: _history, ...summary } = presentNegotiation({ record, offers: rows, negotiation: toDomainNegotiation(record, rows) }, party.id);
      return summary;
    }),
    next_cursor: page.next_cursor,
  };
}
