/** The print-ready HTML document of a confirmed contract: a rendering of exactly its evidence, plus its digest. */
import type { LegalEntity } from '../schemas/terms.js';
import type { StoredAmendment } from './contract-verification.js';
import type { ConfirmedContract } from './contract.js';
import { canonicalContract } from './contract-evidence.js';
import { INCOTERM_NAMES, SHIPPING_MODE_NAMES, formatMinorUnits, printPage } from './document-style.js';
import { html, type SafeHtml } from './html.js';

// Moved to document-style.ts so every order document shares them; re-exported for existing importers.
export { DOCUMENT_CSP, DOCUMENT_STYLE_HASH, currencyFractionDigits, formatMinorUnits } from './document-style.js';

/** Display names of the two platform accounts; legal entities come from the contract itself. */
export interface DocumentParties {
  buyer: { id: string; name: string };
  supplier: { id: string; name: string };
}

function entity(role: string, legal: LegalEntity, account: { id: string; name: string }): SafeHtml {
  return html`<section>
<h3>${role}</h3>
<dl>
<div><dt>Legal name</dt><dd>${legal.name}</dd></div>
<div><dt>Address</dt><dd class="text">${legal.address}</dd></div>
${legal.registration_no === undefined ? '' : html`<div><dt>Registration no.</dt><dd>${legal.registration_no}</dd></div>`}
<div><dt>Country</dt><dd>${legal.country}</dd></div>
<div><dt>K100 account</dt><dd>${account.name} (${account.id})</dd></div>
</dl>
</section>`;
}

/**
 * Renders the canonical contract (the same object that was hashed) so the paper and the digest can never
 * disagree about what was agreed. Only confirmed contracts have a document; the type makes drafts impossible.
 */
export function renderContractDocument(contract: ConfirmedContract, parties: DocumentParties, amendments: readonly StoredAmendment[] = []): string {
  const { signer_name, confirmed_at, digest } = contract.confirmation;
  const doc = canonicalContract(contract, { signer_name, confirmed_at });
  const { terms } = doc;
  const money = (minor: number) => formatMinorUnits(minor, terms.currency);

  // canonicalContract lists one product name per line item, in item order.
  const rows = terms.items.map(
    (item, i) => html`<tr><td>${doc.products[i]!.name}<br><span class="id">${item.product_id}</span></td><td class="num">${item.quantity.toLocaleString('en')}</td><td class="num">${money(item.unit_price)}</td><td class="num">${money(item.line_total)}</td></tr>`,
  );
  const clauses = doc.clauses.map(
    (clause, i) => html`<section class="clause"><h3>${i + 1}. ${clause.title}</h3><div class="text">${clause.body}</div></section>`,
  );

  const body = html`<header>
<h1>Electronic procurement contract</h1>
<dl>
<div><dt>Contract</dt><dd>${doc.id}</dd></div>
<div><dt>Version</dt><dd>${doc.version}</dd></div>
<div><dt>Purchase order</dt><dd>${doc.purchase_order_id}</dd></div>
<div><dt>Negotiation</dt><dd>${doc.negotiation_id}</dd></div>
<div><dt>Status</dt><dd>Confirmed</dd></div>
</dl>
</header>

<h2>Parties</h2>
<div class="parties">
${entity('Seller', doc.legal_entities.seller, parties.supplier)}
${entity('Buyer', doc.legal_entities.buyer, parties.buyer)}
</div>

<h2>Terms</h2>
<table>
<thead><tr><th scope="col">Product</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Unit price</th><th scope="col" class="num">Line total</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot>
<tr><th scope="row" colspan="3">Subtotal</th><td class="num">${money(terms.totals.subtotal)}</td></tr>
<tr><th scope="row" colspan="3">Deposit (${terms.deposit_percent}%), released when escrow is funded</th><td class="num">${money(terms.totals.deposit_amount)}</td></tr>
<tr><th scope="row" colspan="3">Balance, released after ownership transfer</th><td class="num">${money(terms.totals.balance_amount)}</td></tr>
</tfoot>
</table>
<dl>
<div><dt>Currency</dt><dd>${terms.currency}</dd></div>
<div><dt>Incoterm (2020)</dt><dd>${terms.incoterm} (${INCOTERM_NAMES[terms.incoterm] ?? terms.incoterm})</dd></div>
<div><dt>Delivery date</dt><dd>${terms.delivery_date}</dd></div>
<div><dt>Deposit / balance</dt><dd>${terms.deposit_percent}% / ${100 - terms.deposit_percent}%</dd></div>
<div><dt>Inspection</dt><dd>${terms.inspection_percent}% of the goods</dd></div>
<div><dt>Shipping mode</dt><dd>${SHIPPING_MODE_NAMES[terms.shipping_mode] ?? terms.shipping_mode}</dd></div>
<div><dt>Destination port</dt><dd>${terms.destination_port} (UN/LOCODE)</dd></div>
${terms.notes === undefined ? '' : html`<div><dt>Notes</dt><dd class="text">${terms.notes}</dd></div>`}
</dl>

<h2>Clauses</h2>
${clauses}

<h2>Fulfilment and payment</h2>
<p class="agreement">${doc.agreements.statement}</p>

<h2>Confirmation</h2>
<dl>
<div><dt>Confirmed by</dt><dd>${doc.signer_name}, for the buyer</dd></div>
<div><dt>Confirmed at</dt><dd>${doc.confirmed_at}</dd></div>
<div><dt>SHA-256 digest</dt><dd class="digest">${digest}</dd></div>
</dl>
<footer>
<p>This document renders the contract's canonical JSON (${doc.format}, RFC 8785 canonical form) whose SHA-256 digest is shown above. Check it at GET /v1/contracts/${doc.id}/verify.</p>
</footer>`;
  return printPage(`E-procurement contract ${doc.id} (version ${doc.version})`, html`${body}${amendmentSection(amendments)}`);
}

/**
 * Confirmed amendments after the contract itself: each one's changed lines, the value refunded and its own
 * digest, so the paper shows what the contract has become and how to check each step.
 */
function amendmentSection(amendments: readonly StoredAmendment[]): SafeHtml | string {
  const confirmed = amendments.filter((a) => a.status === 'confirmed');
  if (confirmed.length === 0) return '';
  const sections = confirmed.map((a) => {
    const money = (minor: number) => formatMinorUnits(minor, a.currency);
    const rows = a.items.map(
      (item) =>
        html`<tr><td>${item.product_name}<br><span class="id">${item.product_id}</span></td><td class="num">${item.from_quantity.toLocaleString('en')}</td><td class="num">${item.to_quantity.toLocaleString('en')}</td><td class="num">${money(item.unit_price)}</td></tr>`,
    );
    return html`<section class="amendment">
<h3>Amendment ${a.number}</h3>
<dl>
<div><dt>Reason</dt><dd class="text">${a.reason}</dd></div>
<div><dt>Total</dt><dd>${money(a.total_before)} → ${money(a.total_after)}</dd></div>
<div><dt>Refunded from escrow</dt><dd>${money(a.refund_amount)}</dd></div>
<div><dt>Confirmed by</dt><dd>${a.signer_name ?? ''}, for the buyer</dd></div>
<div><dt>Confirmed at</dt><dd>${a.confirmed_at ?? ''}</dd></div>
<div><dt>SHA-256 digest</dt><dd class="digest">${a.digest ?? ''}</dd></div>
</dl>
<table>
<thead><tr><th scope="col">Product</th><th scope="col" class="num">Quantity before</th><th scope="col" class="num">Quantity after</th><th scope="col" class="num">Unit price</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
  });
  return html`
<h2>Amendments</h2>
<p>The buyer confirmed these changes of quantities after the contract; the latest one states the contract's current quantities.</p>
${sections}`;
}
