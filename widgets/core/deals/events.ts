/**
 * Events of the deal widgets (negotiation, purchase order, contract). "About to" events are cancelable
 * and sent before the request: `preventDefault()` stops it.
 */
import { K100Event } from '../events.js';
import type { Contract, Negotiation, PurchaseOrder, Terms } from './api.js';

/** The buyer or supplier is about to send an offer (the first one opens the negotiation). Cancelable. */
export class K100OfferSubmitEvent extends K100Event<{
  negotiation_id: string | null;
  supplier_id: string;
  terms: Terms;
  message: string | undefined;
}> {
  constructor(detail: K100OfferSubmitEvent['detail']) {
    super('k100-offer-submit', detail, true);
  }
}

/** A negotiation was opened with the buyer's first offer. */
export class K100NegotiationCreateEvent extends K100Event<{ negotiation: Negotiation }> {
  constructor(detail: { negotiation: Negotiation }) {
    super('k100-negotiation-create', detail);
  }
}

/** The latest offer was accepted: its terms are the consensus. */
export class K100NegotiationAcceptEvent extends K100Event<{ negotiation: Negotiation }> {
  constructor(detail: { negotiation: Negotiation }) {
    super('k100-negotiation-accept', detail);
  }
}

/** The buyer withdrew from a negotiation. */
export class K100NegotiationWithdrawEvent extends K100Event<{ negotiation: Negotiation }> {
  constructor(detail: { negotiation: Negotiation }) {
    super('k100-negotiation-withdraw', detail);
  }
}

/** The buyer issued the electronic purchase order from an accepted negotiation. */
export class K100PoIssueEvent extends K100Event<{ purchase_order: PurchaseOrder }> {
  constructor(detail: { purchase_order: PurchaseOrder }) {
    super('k100-po-issue', detail);
  }
}

/** The supplier drafted a contract from a purchase order, or saved changes to its draft. */
export class K100ContractDraftEvent extends K100Event<{ contract: Contract }> {
  constructor(detail: { contract: Contract }) {
    super('k100-contract-draft', detail);
  }
}

/** The supplier is about to send the contract to the buyer. Cancelable. */
export class K100ContractSendEvent extends K100Event<{ contract_id: string; version: number }> {
  constructor(detail: { contract_id: string; version: number }) {
    super('k100-contract-send', detail, true);
  }
}

/** The buyer asked the supplier for changes (sent once the server stored the request). */
export class K100ContractChangesRequestEvent extends K100Event<{ contract: Contract; comment: string }> {
  constructor(detail: { contract: Contract; comment: string }) {
    super('k100-contract-changes-request', detail);
  }
}

/** The buyer is about to confirm the contract, which binds both parties. Cancelable. */
export class K100ContractConfirmEvent extends K100Event<{ contract_id: string; version: number; signer_name: string }> {
  constructor(detail: { contract_id: string; version: number; signer_name: string }) {
    super('k100-contract-confirm', detail, true);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'k100-offer-submit': K100OfferSubmitEvent;
    'k100-negotiation-create': K100NegotiationCreateEvent;
    'k100-negotiation-accept': K100NegotiationAcceptEvent;
    'k100-negotiation-withdraw': K100NegotiationWithdrawEvent;
    'k100-po-issue': K100PoIssueEvent;
    'k100-contract-draft': K100ContractDraftEvent;
    'k100-contract-send': K100ContractSendEvent;
    'k100-contract-changes-request': K100ContractChangesRequestEvent;
    'k100-contract-confirm': K100ContractConfirmEvent;
  }
}
