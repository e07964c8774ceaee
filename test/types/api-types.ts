/**
 * Type-level test, run by `npm run typecheck`: each plain type of widgets/core/api-types.ts (what the
 * published widget declarations use) and the type zod infers from the server's schema of the same name
 * (or the server's plain interface) are assignable to each other. A field added, removed, renamed or retyped on either side fails here.
 */
import type { z } from 'zod';
import type * as Plain from '../../widgets/core/api-types.js';
import type * as Common from '../../server/schemas/common.js';
import type * as Catalog from '../../server/schemas/catalog.js';
import type * as Folders from '../../server/schemas/folders.js';
import type * as Sessions from '../../server/schemas/sessions.js';
import type * as Contracts from '../../server/schemas/contracts.js';
import type * as Terms from '../../server/schemas/terms.js';
import type * as Orders from '../../server/schemas/orders.js';
import type * as Payments from '../../server/schemas/payments.js';
import type * as Negotiations from '../../server/schemas/negotiations.js';
import type * as Documents from '../../server/schemas/documents.js';
import type * as Amendments from '../../server/schemas/amendments.js';
import type * as Warehouse from '../../server/schemas/warehouse.js';
import type * as CrossCheck from '../../server/domain/cross-check.js';
import type { LiveTimelineEvent } from '../../server/live/order-stream.js';

/** `true` only when A and B are assignable to each other (no distribution over unions). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Compiles only for `true`: the error names the type that drifted. */
function same<T extends true>(_check: T): void {}

same<Same<Plain.Problem, Common.Problem>>(true);
same<Same<Plain.Category, Catalog.Category>>(true);
same<Same<Plain.ProductList, Catalog.ProductList>>(true);
same<Same<Plain.Supplier, Catalog.Supplier>>(true);
same<Same<Plain.Product, Catalog.Product>>(true);
same<Same<Plain.Visibility, Catalog.Visibility>>(true);
same<Same<Plain.AccessRequest, Folders.AccessRequest>>(true);
same<Same<Plain.AccessRequestStatus, Folders.AccessRequestStatus>>(true);
same<Same<Plain.PrivateFolderItem, Folders.PrivateFolderItem>>(true);
same<Same<Plain.PublicFolderItem, Folders.PublicFolderItem>>(true);
same<Same<Plain.Me, Sessions.Me>>(true);
same<Same<Plain.PartyKind, Sessions.PartyKind>>(true);
same<Same<Plain.PartySummary, Sessions.PartySummary>>(true);
same<Same<Plain.Contract, Contracts.Contract>>(true);
same<Same<Plain.ContractStatus, Contracts.ContractStatus>>(true);
same<Same<Plain.ContractSummary, Contracts.ContractSummary>>(true);
same<Same<Plain.ContractVerification, Contracts.ContractVerification>>(true);
same<Same<Plain.Clause, Terms.Clause>>(true);
same<Same<Plain.LegalEntity, Terms.LegalEntity>>(true);
same<Same<Plain.LegalEntities, Terms.LegalEntities>>(true);
same<Same<Plain.Terms, Terms.Terms>>(true);
same<Same<Plain.TermsItem, Terms.TermsItem>>(true);
same<Same<Plain.ShippingMode, Terms.ShippingMode>>(true);
same<Same<Plain.Incoterm, Terms.Incoterm>>(true);
same<Same<Plain.PricedTerms, Terms.PricedTerms>>(true);
same<Same<Plain.ProductSnapshot, Terms.ProductSnapshot>>(true);
same<Same<Plain.Difference, Terms.Difference>>(true);
same<Same<Plain.Order, Orders.Order>>(true);
same<Same<Plain.OrderSummary, Orders.OrderSummary>>(true);
same<Same<Plain.OrderAgreements, Orders.OrderAgreements>>(true);
same<Same<Plain.TimelineEvent, Orders.TimelineEvent>>(true);
same<Same<Plain.GatewayInfo, Payments.GatewayInfo>>(true);
same<Same<Plain.Ledger, Payments.Ledger>>(true);
same<Same<Plain.PaymentIntent, Payments.PaymentIntent>>(true);
same<Same<Plain.PaymentIntentStatus, Payments.PaymentIntentStatus>>(true);
same<Same<Plain.Negotiation, Negotiations.Negotiation>>(true);
same<Same<Plain.NegotiationStatus, Negotiations.NegotiationStatus>>(true);
same<Same<Plain.NegotiationSummary, Negotiations.NegotiationSummary>>(true);
same<Same<Plain.Offer, Negotiations.Offer>>(true);
same<Same<Plain.PurchaseOrder, Negotiations.PurchaseOrder>>(true);
same<Same<Plain.PurchaseOrderStatus, Negotiations.PurchaseOrderStatus>>(true);
same<Same<Plain.PartyName, Negotiations.PartyName>>(true);
same<Same<Plain.OrderStatus, z.infer<typeof Orders.OrderStatus>>>(true);
same<Same<Plain.OrderDocument, Documents.OrderDocument>>(true);
same<Same<Plain.Amendment, Amendments.Amendment>>(true);
same<Same<Plain.Shipment, Warehouse.Shipment>>(true);
same<Same<Plain.LatestPackingList, Warehouse.LatestPackingList>>(true);
same<Same<Plain.PackingList, Warehouse.PackingList>>(true);
same<Same<Plain.OwnershipTransfer, Warehouse.OwnershipTransfer>>(true);
same<Same<Plain.Receipt, Warehouse.Receipt>>(true);
same<Same<Plain.Warehouse, Warehouse.Warehouse>>(true);
same<Same<Plain.CrossCheck, CrossCheck.CrossCheck>>(true);
same<Same<Plain.CrossCheckLine, CrossCheck.CrossCheckLine>>(true);
same<Same<Plain.CrossCheckDifference, CrossCheck.Difference>>(true);
same<Same<Plain.LiveTimelineEvent, LiveTimelineEvent>>(true);
