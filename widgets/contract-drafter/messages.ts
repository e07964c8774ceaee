/**
 * English text only <k100-contract-drafter> shows, added to the catalogs when it loads; Chinese loads on demand. Kept
 * with the widget rather than in a shared catalog, so no other widget's first load carries it.
 */
import { addMessages, type Message } from '../core/i18n.js';

export const drafterMessages = {
  receivedOn: 'received {date}',
  fieldEntityRegistrationOptional: 'Registration number (optional)',
  errRequired: 'Required.',
  errCountry: 'Enter a 2-letter country code such as CN.',
  errNoClauses: 'Add at least one clause.',
  errTooManyClauses: 'At most {max} clauses.',
  inboxTitle: 'Purchase orders',
  poIssuedStatus: 'Awaiting contract',
  poDraftedStatus: 'Contract drafted',
  poConfirmedStatus: 'Contract confirmed',
  noPurchaseOrders: 'No purchase orders yet. They arrive here when a buyer issues one from agreed terms.',
  noPurchaseOrdersWithStatus: 'No purchase orders with this status.',
  backToInbox: 'All purchase orders',
  draftFor: 'Draft the contract for {name}',
  poReceived: 'Purchase order {id}, received {date}.',
  agreedTermsReadOnly: 'Agreed terms (from the purchase order; not editable)',
  addClause: 'Add clause',
  moveUp: 'Move clause {number} up',
  moveDown: 'Move clause {number} down',
  removeClause: 'Remove clause {number}',
  sellerEntity: 'Seller (your company)',
  buyerEntity: 'Buyer',
  countryHint: 'ISO 3166 code, such as CN.',
  createDraft: 'Create draft',
  saveDraft: 'Save draft',
  saveNewVersion: 'Save as new version',
  sendToBuyer: 'Send to buyer',
  drafted: 'Draft saved as version {version}.',
  savedVersion: 'Version {version} saved.',
  sentTo: '{name} received version {version}.',
  saveFailed: 'Could not save the contract. Try again.',
  contractWith: 'Contract with {name}',
  versionOf: 'Version {version} of {count}',
  awaitingBuyer: 'Sent {date}. Waiting for {name} to confirm or request changes.',
  changeRequestsTitle: 'Buyer’s change requests',
  answerRequest: '{name} asked for changes. Edit the contract and send it again: it becomes version {version}.',
  clauseQualityTitle: 'Quality',
  clauseQualityBody: 'The goods are new, conform to the product descriptions and specifications in these terms, and are free from defects in materials and workmanship. Samples the buyer approved, if any, set the minimum standard.',
  clauseInspectionTitle: 'Inspection',
  clauseInspectionBody: 'The K100 designated warehouse at the port of departure inspects {inspection} of the goods on receipt. Goods that fail inspection are not accepted until the seller replaces or repairs them at its own cost.',
  clauseInspectionNoneBody: 'No inspection was agreed. The K100 designated warehouse checks carton count, weight and dimensions on receipt against the packing list.',
  clausePackingTitle: 'Packing and marking',
  clausePackingBody: 'The seller packs the goods in export cartons fit for the agreed shipping mode ({shipping}) and labels every carton with the order number, product, quantity and a unique barcode that matches the packing list.',
  clauseDeliveryTitle: 'Delivery and risk',
  clauseDeliveryBody: 'The seller delivers the goods to the K100 designated warehouse at the port of departure no later than {date}, for shipment to {port} under {incoterm} (Incoterms 2020). Risk passes as that Incoterm provides; until the warehouse receives the goods they remain at the seller’s risk.',
  clausePaymentTitle: 'Payment through K100Pay escrow',
  clausePaymentBody: 'The buyer pays the contract total into K100Pay escrow in one payment. {deposit} of the subtotal is released to the seller when escrow is funded; the balance is released when the warehouse operator records the ownership transfer.',
  clausePaymentNoDepositBody: 'The buyer pays the contract total into K100Pay escrow in one payment. Nothing is released before delivery: the seller delivers at its own risk and receives the whole amount when the warehouse operator records the ownership transfer.',
  clauseDisputesTitle: 'Disputes',
  clauseDisputesBody: 'Fulfilment is supervised by Expert Advisor (STS). A dispute must be raised through K100 before the balance is released; Expert Advisor (STS) settles it on the evidence of this contract, the goods receipt, the inspection report and the packing list.',
} satisfies Record<string, Message>;

declare module '../core/i18n.js' {
  interface MessageRegistry extends Record<keyof typeof drafterMessages, true> {}
}

addMessages(drafterMessages, { 'zh-CN': () => import('./locales/zh-CN.js') });
