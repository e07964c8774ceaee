/** Negotiations (offers and counter-offers) and the electronic purchase orders issued from them. */
import { z } from '@hono/zod-openapi';
import { Cursor, Id, Limit, Timestamp, listOf } from './common.js';
import { Difference, LegalEntity, PricedTerms, ProductSnapshot, Terms } from './terms.js';

/** A buyer or supplier account as the other side sees it. */
export const PartyName = z.object({ id: z.string(), name: z.string() }).openapi('PartyName');
export type PartyName = z.infer<typeof PartyName>;

export const DealParty = z.enum(['buyer', 'supplier']).openapi('DealParty');

export const NegotiationStatus = z.enum(['open', 'accepted', 'withdrawn']).openapi('NegotiationStatus', {
  description: '`open` while offers alternate; `accepted` (final) freezes the latest offer as the consensus; `withdrawn` (final) by the buyer.',
});
export type NegotiationStatus = z.infer<typeof NegotiationStatus>;

export const NegotiationAction = z.enum(['offer', 'accept', 'withdraw', 'issue_purchase_order']).openapi('NegotiationAction');

/** An optional note with an offer; blank counts as none (stored as null). */
const Message = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .optional()
  .openapi({ description: 'Optional note to the other party (at most 2000 characters).' });

export const CreateNegotiation = z
  .object({
    supplier_id: Id.openapi({ example: 'supplier_shenzhen_led' }),
    terms: Terms,
    message: Message,
  })
  .strict()
  .openapi('CreateNegotiation');

export const CreateOffer = z.strictObject({ terms: Terms, message: Message }).openapi('CreateOffer');

export const Offer = z
  .object({
    seq: z.number().int().openapi({ description: '1-based position in the history.' }),
    by: DealParty,
    terms: PricedTerms,
    products: z.array(ProductSnapshot).openapi({ description: 'The product of each line item, in item order.' }),
    message: z.string().nullable(),
    at: Timestamp,
    differences: z.array(Difference).openapi({ description: 'Field-level changes from the previous offer; empty for the first.' }),
  })
  .openapi('Offer');
export type Offer = z.infer<typeof Offer>;

const negotiationFields = {
  id: z.string(),
  status: NegotiationStatus,
  buyer: PartyName,
  supplier: PartyName,
  offer_count: z.number().int(),
  latest_offer: Offer,
  next_to_act: DealParty.nullable().openapi({ description: 'Who may offer or accept now; null once closed.' }),
  allowed_actions: z.array(NegotiationAction).openapi({ description: 'What the caller may do now.' }),
  accepted_offer_seq: z.number().int().nullable(),
  accepted_by: DealParty.nullable(),
  consensus: PricedTerms.nullable().openapi({ description: 'The accepted terms; null until accepted.' }),
  purchase_order_id: z.string().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
  closed_at: Timestamp.nullable(),
};

export const NegotiationSummary = z.object(negotiationFields).openapi('NegotiationSummary');
export type NegotiationSummary = z.infer<typeof NegotiationSummary>;
export const NegotiationList = listOf(NegotiationSummary, 'NegotiationList');

export const Negotiation = z
  .object({ ...negotiationFields, offers: z.array(Offer).openapi({ description: 'Every offer, oldest first.' }) })
  .openapi('Negotiation');
export type Negotiation = z.infer<typeof Negotiation>;

export const NegotiationListQuery = z.object({ status: NegotiationStatus.optional(), cursor: Cursor.optional(), limit: Limit });

export const PurchaseOrderStatus = z.enum(['issued', 'contract_drafted', 'contract_confirmed']).openapi('PurchaseOrderStatus', {
  description: '`issued` by the buyer; `contract_drafted` once the supplier drafts its contract; `contract_confirmed` once the buyer confirms it.',
});
export type PurchaseOrderStatus = z.infer<typeof PurchaseOrderStatus>;

export const CreatePurchaseOrder = z.strictObject({ negotiation_id: Id }).openapi('CreatePurchaseOrder');

export const PurchaseOrder = z
  .object({
    id: z.string(),
    status: PurchaseOrderStatus,
    negotiation_id: z.string(),
    accepted_offer_seq: z.number().int(),
    buyer: PartyName,
    supplier: PartyName,
    terms: PricedTerms.openapi({ description: 'The frozen consensus with totals computed by the server.' }),
    products: z.array(ProductSnapshot),
    contract_id: z.string().nullable(),
    legal_entity_defaults: z
      .object({ seller: LegalEntity.nullable(), buyer: LegalEntity.nullable() })
      .openapi({ description: 'Each party’s registered legal entity, if known: what the contract drafter can prefill.' }),
    allowed_actions: z.array(z.enum(['draft_contract'])).openapi({ description: 'What the caller may do now.' }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('PurchaseOrder');
export type PurchaseOrder = z.infer<typeof PurchaseOrder>;
export const PurchaseOrderList = listOf(PurchaseOrder, 'PurchaseOrderList');

export const PurchaseOrderListQuery = z.object({ status: PurchaseOrderStatus.optional(), cursor: Cursor.optional(), limit: Limit });
