/** The negotiation state machine (alternating offers, acceptance freezing the consensus) and the e-PO issue rule. */
import type { Terms } from '../schemas/terms.js';
import { accepted, refuse, type Party, type Result } from './refusal.js';

/**
 * `open` while offers go back and forth; `accepted` once the party who did not make the latest offer agrees
 * to it; `withdrawn` when the buyer gives up while it is open (so it leaves the supplier's inbox instead of
 * staying open for ever). `accepted` and `withdrawn` are final.
 */
export type NegotiationStatus = 'open' | 'accepted' | 'withdrawn';

export interface Offer {
  /** 1-based position in the history. */
  seq: number;
  by: Party;
  terms: Terms;
  message: string | null;
  at: string;
}

export interface Negotiation {
  status: NegotiationStatus;
  /** Oldest first; never empty, because a negotiation opens with the buyer's first offer. */
  offers: readonly Offer[];
  /** The offer whose terms are the consensus, once accepted. */
  accepted_offer_seq: number | null;
  accepted_by: Party | null;
  /** When it became accepted or withdrawn. */
  closed_at: string | null;
}

export interface OfferInput {
  terms: Terms;
  message?: string | null;
  at: string;
}

const other = (party: Party): Party => (party === 'buyer' ? 'supplier' : 'buyer');

function latestOffer(negotiation: Negotiation): Offer {
  const offer = negotiation.offers.at(-1);
  // Unreachable for negotiations built by openNegotiation; a corrupt row should fail loudly, not be guessed at.
  if (!offer) throw new Error('negotiation has no offers');
  return offer;
}

function appendOffer(negotiation: Negotiation | null, by: Party, input: OfferInput): Negotiation {
  const offers = negotiation?.offers ?? [];
  const offer: Offer = { seq: offers.length + 1, by, terms: input.terms, message: input.message ?? null, at: input.at };
  return {
    status: 'open',
    offers: [...offers, offer],
    accepted_offer_seq: null,
    accepted_by: null,
    closed_at: null,
  };
}

/** Only a buyer opens a negotiation, and it opens with the buyer's first offer. */
export function openNegotiation(actor: Party, input: OfferInput): Result<Negotiation, 'wrong_party'> {
  if (actor !== 'buyer') return refuse('wrong_party', 'Only the buyer can open a negotiation.');
  return accepted(appendOffer(null, 'buyer', input));
}

function refuseUnlessOpen(negotiation: Negotiation) {
  if (negotiation.status === 'accepted') {
    return refuse('already_accepted', 'This negotiation is already accepted; its terms are final.');
  }
  if (negotiation.status === 'withdrawn') return refuse('withdrawn', 'This negotiation was withdrawn by the buyer.');
  return null;
}

/** The party whose move it is: the one who did not make the latest offer; null once closed. */
export function nextToAct(negotiation: Negotiation): Party | null {
  return negotiation.status === 'open' ? other(latestOffer(negotiation).by) : null;
}

/** A counter-offer: a full set of terms from the party who did not make the latest offer. */
export function submitOffer(
  negotiation: Negotiation,
  actor: Party,
  input: OfferInput,
): Result<Negotiation, 'already_accepted' | 'withdrawn' | 'not_your_turn'> {
  const closed = refuseUnlessOpen(negotiation);
  if (closed) return closed;
  if (latestOffer(negotiation).by === actor) {
    return refuse('not_your_turn', 'You made the latest offer; wait for the other party to counter or accept.');
  }
  return accepted(appendOffer(negotiation, actor, input));
}

/** Accepting freezes the latest offer's terms as the consensus; only its recipient may accept it. */
export function acceptNegotiation(
  negotiation: Negotiation,
  actor: Party,
  at: string,
): Result<Negotiation, 'already_accepted' | 'withdrawn' | 'cannot_accept_own_offer'> {
  const closed = refuseUnlessOpen(negotiation);
  if (closed) return closed;
  const latest = latestOffer(negotiation);
  if (latest.by === actor) {
    return refuse('cannot_accept_own_offer', 'The latest offer is yours; only the other party can accept it.');
  }
  return accepted({ ...negotiation, status: 'accepted', accepted_offer_seq: latest.seq, accepted_by: actor, closed_at: at });
}

/** The buyer may walk away while it is open; the supplier declines by simply not accepting. */
export function withdrawNegotiation(
  negotiation: Negotiation,
  actor: Party,
  at: string,
): Result<Negotiation, 'wrong_party' | 'already_accepted' | 'withdrawn'> {
  if (actor !== 'buyer') return refuse('wrong_party', 'Only the buyer can withdraw a negotiation.');
  const closed = refuseUnlessOpen(negotiation);
  if (closed) return closed;
  return accepted({ ...negotiation, status: 'withdrawn', closed_at: at });
}

/** The frozen terms of an accepted negotiation, or null while there is no consensus. */
export function consensus(negotiation: Negotiation): Terms | null {
  if (negotiation.status !== 'accepted') return null;
  return negotiation.offers.find((offer) => offer.seq === negotiation.accepted_offer_seq)?.terms ?? null;
}

export type NegotiationAction = 'offer' | 'accept' | 'withdraw' | 'issue_purchase_order';

/**
 * What `actor` may do now, so widgets show exactly the buttons the server would allow. Pass
 * `purchaseOrderIssued` (known only to the store) to also learn whether the buyer may issue the e-PO.
 */
export function allowedNegotiationActions(
  negotiation: Negotiation,
  actor: Party,
  purchaseOrderIssued?: boolean,
): NegotiationAction[] {
  if (negotiation.status === 'accepted') {
    return actor === 'buyer' && purchaseOrderIssued === false ? ['issue_purchase_order'] : [];
  }
  if (nextToAct(negotiation) !== actor) return negotiation.status === 'open' && actor === 'buyer' ? ['withdraw'] : [];
  return actor === 'buyer' ? ['offer', 'accept', 'withdraw'] : ['offer', 'accept'];
}

/**
 * Purchase order statuses as the supplier's inbox shows them. The PO is `issued` by the buyer; drafting
 * and confirming its contract move it on (see contract.ts), and nothing moves it back.
 */
export type PurchaseOrderStatus = 'issued' | 'contract_drafted' | 'contract_confirmed';

export interface IssuedPurchaseOrder {
  status: 'issued';
  /** The consensus, copied so later reads never depend on the negotiation row. */
  terms: Terms;
  accepted_offer_seq: number;
  issued_at: string;
}

/**
 * The buyer issues the e-PO from an accepted negotiation, once: `existing` is the PO already issued from
 * this negotiation, if any (routes should also hold a unique constraint on negotiation_id).
 */
export function issuePurchaseOrder(
  negotiation: Negotiation,
  existing: { status: PurchaseOrderStatus } | null,
  actor: Party,
  at: string,
): Result<IssuedPurchaseOrder, 'wrong_party' | 'not_accepted' | 'already_issued'> {
  if (actor !== 'buyer') return refuse('wrong_party', 'Only the buyer can issue a purchase order.');
  const terms = consensus(negotiation);
  if (negotiation.accepted_offer_seq === null || !terms) {
    return refuse('not_accepted', 'A purchase order can be issued only from an accepted negotiation.');
  }
  if (existing) return refuse('already_issued', 'A purchase order was already issued from this negotiation.');
  return accepted({ status: 'issued', terms, accepted_offer_seq: negotiation.accepted_offer_seq, issued_at: at });
}
