/**
 * Print-ready HTML of the documents fulfilment issues, one renderer per kind, each a rendering of exactly the
 * data snapshot stored when the document was issued. Every value goes through the escaping `html` tag.
 */
import type { LegalEntity } from '../schemas/terms.js';
import { SHIPPING_MODE_NAMES, formatCount, formatMinorUnits, printPage } from './document-style.js';
import type {
  BillOfLadingData,
  CommercialInvoiceData,
  CustomsDeclarationData,
  DocumentDataOf,
  DocumentKind,
  DocumentParty,
  DocumentWarehouse,
  GoodsReceiptData,
  PackingListData,
} from './documents.js';
import { html, type SafeHtml } from './html.js';

/** The stored row's own facts, printed in every header so a paper copy names what it is. */
export interface DocumentMeta {
  id: string;
  kind: DocumentKind;
  title: string;
  number: number;
  order_id: string;
  created_at: string;
}

const text = (value: string | null | undefined, none = '—'): string => (value === null || value === undefined || value === '' ? none : value);
const productCell = (line: { product_id: string; product_name: string | null }) =>
  html`${text(line.product_name, line.product_id)}<br><span class="id">${line.product_id}</span>`;
/** Weights and volumes as the snapshot holds them (already rounded by the step), never reformatted through a float. */
const decimal = (value: number | null | undefined, unit: string): string =>
  value === null || value === undefined ? '—' : `${value.toLocaleString('en', { maximumFractionDigits: 3 })} ${unit}`;

function party(role: string, p: DocumentParty): SafeHtml {
  return html`<section><h3>${role}</h3><dl><div><dt>K100 account</dt><dd>${p.name} (${p.id})</dd></div></dl></section>`;
}

function legal(role: string, e: LegalEntity): SafeHtml {
  return html`<section>
<h3>${role}</h3>
<dl>
<div><dt>Legal name</dt><dd>${e.name}</dd></div>
<div><dt>Address</dt><dd class="text">${e.address}</dd></div>
${e.registration_no === undefined ? '' : html`<div><dt>Registration no.</dt><dd>${e.registration_no}</dd></div>`}
<div><dt>Country</dt><dd>${e.country}</dd></div>
</dl>
</section>`;
}

function warehouse(w: DocumentWarehouse): SafeHtml {
  return html`<section>
<h3>Designated warehouse</h3>
<dl>
<div><dt>Name</dt><dd>${w.name}</dd></div>
<div><dt>Port</dt><dd>${w.port} (UN/LOCODE)</dd></div>
<div><dt>Address</dt><dd class="text">${w.address}</dd></div>
</dl>
</section>`;
}

const mode = (m: string): string => SHIPPING_MODE_NAMES[m] ?? m;

function goodsReceipt(d: GoodsReceiptData): SafeHtml {
  const rows = d.cartons.map(
    (c) => html`<tr><td>${c.barcode}</td><td>${productCell(c)}</td><td class="num">${formatCount(c.quantity)}</td></tr>`,
  );
  return html`<dl>
<div><dt>Receipt no.</dt><dd>${d.receipt_number}</dd></div>
<div><dt>Contract</dt><dd>${d.contract_id}</dd></div>
<div><dt>Received at</dt><dd>${d.received_at}</dd></div>
<div><dt>Received by</dt><dd>${d.operator.name} (${d.operator.id})</dd></div>
</dl>
<h2>Parties</h2>
<div class="parties">
${party('Supplier', d.supplier)}
${party('Buyer', d.buyer)}
</div>
${warehouse(d.warehouse)}
<h2>Cartons received</h2>
<table>
<thead><tr><th scope="col">Barcode</th><th scope="col">Product</th><th scope="col" class="num">Quantity</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th scope="row" colspan="2">${formatCount(d.totals.cartons)} cartons</th><td class="num">${formatCount(d.totals.quantity)}</td></tr></tfoot>
</table>`;
}

function packingList(d: PackingListData): SafeHtml {
  const rows = d.cartons.map(
    (c) =>
      html`<tr><td>${c.barcode}</td><td>${productCell(c)}</td><td class="num">${formatCount(c.quantity)}</td><td class="num">${decimal(c.gross_weight_kg, 'kg')}</td></tr>`,
  );
  return html`<dl>
<div><dt>Revision</dt><dd>${d.revision}</dd></div>
<div><dt>Contract</dt><dd>${d.contract_id}</dd></div>
${d.note === null ? '' : html`<div><dt>Note</dt><dd class="text">${d.note}</dd></div>`}
</dl>
<h2>Parties</h2>
<div class="parties">
${party('Supplier', d.supplier)}
${party('Buyer', d.buyer)}
</div>
<h2>Cartons</h2>
<table>
<thead><tr><th scope="col">Barcode</th><th scope="col">Product</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Gross weight</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th scope="row" colspan="2">${formatCount(d.totals.cartons)} cartons</th><td class="num">${formatCount(d.totals.quantity)}</td><td class="num">${decimal(d.totals.gross_weight_kg, 'kg')}</td></tr></tfoot>
</table>`;
}

function commercialInvoice(d: CommercialInvoiceData): SafeHtml {
  const money = (minor: number) => formatMinorUnits(minor, d.currency);
  const rows = d.lines.map(
    (l) =>
      html`<tr><td>${productCell(l)}</td><td class="num">${formatCount(l.quantity)}</td><td class="num">${money(l.unit_price)}</td><td class="num">${money(l.amount)}</td></tr>`,
  );
  return html`<dl>
<div><dt>Invoice no.</dt><dd>${d.invoice_no}</dd></div>
<div><dt>Contract</dt><dd>${d.contract_id}</dd></div>
<div><dt>Issued at</dt><dd>${d.issued_at}</dd></div>
<div><dt>Incoterm (2020)</dt><dd>${d.incoterm}</dd></div>
<div><dt>Currency</dt><dd>${d.currency}</dd></div>
<div><dt>Destination port</dt><dd>${d.destination_port} (UN/LOCODE)</dd></div>
</dl>
<h2>Parties</h2>
<div class="parties">
${legal('Seller', d.seller)}
${legal('Buyer', d.buyer)}
</div>
<h2>Goods</h2>
<table>
<thead><tr><th scope="col">Product</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Unit price</th><th scope="col" class="num">Amount</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th scope="row" colspan="3">Total</th><td class="num">${money(d.total)}</td></tr></tfoot>
</table>
<p>Quantities are the goods received and on hand at the designated warehouse, at the contract's unit prices.</p>`;
}

function customsDeclaration(d: CustomsDeclarationData): SafeHtml {
  const rows = d.lines.map((l) => html`<tr><td>${productCell(l)}</td><td class="num">${formatCount(l.quantity)}</td></tr>`);
  return html`<dl>
<div><dt>Declaration no.</dt><dd>${d.declaration_no}</dd></div>
<div><dt>Released at</dt><dd>${d.released_at}</dd></div>
<div><dt>Port of loading</dt><dd>${d.port_of_loading} (UN/LOCODE)</dd></div>
<div><dt>Destination port</dt><dd>${d.destination_port} (UN/LOCODE)</dd></div>
<div><dt>Mode</dt><dd>${mode(d.mode)}</dd></div>
${d.container_no === null ? '' : html`<div><dt>Container no.</dt><dd>${d.container_no}</dd></div>`}
${d.seal_no === null ? '' : html`<div><dt>Seal no.</dt><dd>${d.seal_no}</dd></div>`}
${d.carrier === null ? '' : html`<div><dt>Carrier</dt><dd>${d.carrier}</dd></div>`}
${d.tracking_no === null ? '' : html`<div><dt>Tracking no.</dt><dd>${d.tracking_no}</dd></div>`}
<div><dt>Packages</dt><dd>${formatCount(d.packages)}</dd></div>
<div><dt>Gross weight</dt><dd>${decimal(d.gross_weight_kg, 'kg')}</dd></div>
<div><dt>Volume</dt><dd>${decimal(d.volume_cbm, 'm³')}</dd></div>
</dl>
<h2>Parties</h2>
<div class="parties">
${legal('Exporter', d.exporter)}
${legal('Consignee', d.consignee)}
</div>
<h2>Goods</h2>
<table>
<thead><tr><th scope="col">Product</th><th scope="col" class="num">Quantity</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function billOfLading(d: BillOfLadingData): SafeHtml {
  return html`<dl>
<div><dt>Bill of lading no.</dt><dd>${d.bill_of_lading_no}</dd></div>
<div><dt>Mode</dt><dd>${mode(d.mode)}</dd></div>
${d.container_no === null ? '' : html`<div><dt>Container no.</dt><dd>${d.container_no}</dd></div>`}
${d.seal_no === null ? '' : html`<div><dt>Seal no.</dt><dd>${d.seal_no}</dd></div>`}
${d.carrier === null ? '' : html`<div><dt>Carrier</dt><dd>${d.carrier}</dd></div>`}
<div><dt>Port of loading</dt><dd>${d.port_of_loading} (UN/LOCODE)</dd></div>
<div><dt>Destination port</dt><dd>${d.destination_port} (UN/LOCODE)</dd></div>
<div><dt>Departed at</dt><dd>${d.departed_at}</dd></div>
<div><dt>Departed from</dt><dd>${d.location}</dd></div>
</dl>
<p>A record of the bill of lading number the warehouse entered on departure; the carrier's document itself is uploaded separately.</p>`;
}

type Renderers = { [K in DocumentKind]: (data: DocumentDataOf[K]) => SafeHtml };
const RENDERERS: Renderers = {
  goods_receipt: goodsReceipt,
  packing_list: packingList,
  commercial_invoice: commercialInvoice,
  customs_declaration: customsDeclaration,
  bill_of_lading: billOfLading,
};

/** The whole page of one generated document: a header naming it and the order, then its kind's body. */
export function renderOrderDocument<K extends DocumentKind>(meta: DocumentMeta & { kind: K }, data: DocumentDataOf[K]): string {
  const render = RENDERERS[meta.kind] as (data: DocumentDataOf[K]) => SafeHtml;
  return printPage(
    `${meta.title}, order ${meta.order_id}`,
    html`<header>
<h1>${meta.title}</h1>
<dl>
<div><dt>Order</dt><dd>${meta.order_id}</dd></div>
<div><dt>Document</dt><dd>${meta.id}</dd></div>
<div><dt>Issued</dt><dd>${meta.created_at}</dd></div>
</dl>
</header>
${render(data)}
<footer>
<p>Issued by K100 Widgets from the records of the order at the time shown above. Download the order's documents at GET /v1/orders/${meta.order_id}/documents.</p>
</footer>`,
  );
}
