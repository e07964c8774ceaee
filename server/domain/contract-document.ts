/** The print-ready HTML document of a confirmed contract: a rendering of exactly its evidence, plus its digest. */
import { createHash } from 'node:crypto';
import type { LegalEntity } from '../schemas/terms.js';
import type { ConfirmedContract } from './contract.js';
import { canonicalContract } from './contract-evidence.js';
import { html, SafeHtml } from './html.js';

/** Display names of the two platform accounts; legal entities come from the contract itself. */
export interface DocumentParties {
  buyer: { id: string; name: string };
  supplier: { id: string; name: string };
}

const STYLE = `
@page { size: A4; margin: 18mm 16mm; }
:root { color-scheme: light; }
body { font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; color: #111; margin: 0 auto; max-width: 178mm; padding: 8mm 0; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 0.4mm solid #111; padding-bottom: 1mm; }
h3 { font-size: 10.5pt; margin: 4mm 0 1mm; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.8mm 5mm; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; }
dl > div { display: contents; }
.parties { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
.parties section { break-inside: avoid; page-break-inside: avoid; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 3mm; }
thead { display: table-header-group; }
tfoot { display: table-row-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border-bottom: 0.2mm solid #999; padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot th { text-align: right; font-weight: 600; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.id { font-size: 8.5pt; color: #444; }
.digest { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.agreement { border: 0.3mm solid #111; padding: 3mm; break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 8mm; font-size: 8.5pt; color: #444; }
`;

/**
 * A hash source rather than 'unsafe-inline': the document needs no other inline style, so the policy admits
 * exactly this block and nothing an injected tag could add. Routes send DOCUMENT_CSP as the header; the same
 * policy is also in a <meta> tag so a downloaded copy opened from disk still runs no script and loads nothing.
 */
export const DOCUMENT_STYLE_HASH = `sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}`;
const POLICY = `default-src 'none'; style-src '${DOCUMENT_STYLE_HASH}'; base-uri 'none'; form-action 'none'`;
export const DOCUMENT_CSP = `${POLICY}; frame-ancestors 'none'`;
/** Our own constant, not data: the one place markup enters unescaped, and its hash is pinned above. */
const TRUSTED_STYLE = new SafeHtml(STYLE);

const INCOTERM_NAMES: Record<string, string> = {
  EXW: 'Ex Works',
  FCA: 'Free Carrier',
  CPT: 'Carriage Paid To',
  CIP: 'Carriage and Insurance Paid To',
  DAP: 'Delivered at Place',
  DPU: 'Delivered at Place Unloaded',
  DDP: 'Delivered Duty Paid',
  FAS: 'Free Alongside Ship',
  FOB: 'Free on Board',
  CFR: 'Cost and Freight',
  CIF: 'Cost, Insurance and Freight',
};

const SHIPPING_MODE_NAMES: Record<string, string> = {
  fcl: 'Full container load (FCL)',
  lcl: 'Less than container load (LCL)',
  courier: 'International courier',
};

/** The currency's minor-unit exponent as Intl knows it (USD 2, JPY 0, KWD 3). */
export function currencyFractionDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Formats integer minor units exactly: the decimal is built as text, so no float ever rounds an amount. */
export function formatMinorUnits(minor: number, currency: string, locale = 'en'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const scale = 10n ** BigInt(digits);
  const units = BigInt(minor);
  const sign = units < 0n ? '-' : '';
  const abs = units < 0n ? -units : units;
  const fraction = digits === 0 ? '' : `.${(abs % scale).toString().padStart(digits, '0')}`;
  return format.format(`${sign}${abs / scale}${fraction}` as `${number}`);
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
export function renderContractDocument(contract: ConfirmedContract, parties: DocumentParties): string {
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

  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>E-procurement contract ${doc.id} (version ${doc.version})</title>
<style>${TRUSTED_STYLE}</style>
</head>
<body>
<header>
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
</footer>
</body>
</html>
`.value;
}
