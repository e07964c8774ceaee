/**
 * An order's documents over HTTP on the real database: listed and downloadable by the order's readers only,
 * print-ready HTML with every text escaped, and the operator's bill of lading upload checked by its bytes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DOCUMENT_CSP } from '../../server/domain/document-style.js';
import { expectProblem } from './app-harness.js';
import { LED_PANEL, ok } from './deal-flow.js';
import { confirmedOrder, openPayDeal, type PayDeal } from './pay-flow.js';
import {
  consolidate,
  contractCartons,
  inspect,
  measureAll,
  otherWarehouseOperator,
  packingList,
  paidOrder,
  receive,
  releaseCustoms,
  track,
  warehouseSnapshot,
} from './warehouse-flow.js';

const HOSTILE = '<script>alert("x")</script>';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\n%%EOF\n');

const list = (d: PayDeal, orderId: string, token: string) => d.t.call('GET', `/v1/orders/${orderId}/documents`, { token });
const download = (d: PayDeal, url: string, token: string) => d.t.call('GET', url, { token });
function upload(d: PayDeal, orderId: string, bytes: Uint8Array<ArrayBuffer>, contentType: string, token = d.operator, query = 'kind=bill_of_lading') {
  return Promise.resolve(
    d.t.app.request(`/v1/orders/${orderId}/documents?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body: bytes,
    }),
  );
}

describe('generated documents: every kind, for the order’s readers only, escaped', () => {
  let d: PayDeal;
  let orderId: string;
  let shanghai: string;
  before(async () => {
    d = await openPayDeal();
    // A hostile product name, snapshotted into the contract and from there into every document.
    await d.t.store.db.updateTable('products').set({ name: HOSTILE }).where('id', '=', LED_PANEL.id).execute();
    orderId = await paidOrder(d);
    // A second between steps, as in life: the list's order is the order of issue.
    const tick = () => d.advance(1000);
    await packingList(d, orderId, contractCartons(), HOSTILE);
    tick();
    await receive(d, orderId);
    tick();
    await inspect(d, orderId);
    await measureAll(d, orderId);
    await consolidate(d, orderId);
    tick();
    await releaseCustoms(d, orderId);
    tick();
    await track(d, orderId, 'departed', { location: `Ningbo ${HOSTILE}` });
    shanghai = await otherWarehouseOperator(d);
  });
  after(() => d.t.close());

  test('the list: oldest first, the contract leading for buyer and supplier, the same documents for the operator', async () => {
    const buyer = await ok(list(d, orderId, d.acme));
    assert.deepEqual(buyer.data.map((x: any) => x.kind), ['contract', 'packing_list', 'goods_receipt', 'commercial_invoice', 'customs_declaration', 'bill_of_lading']);
    const [contract, ...rest] = buyer.data;
    const order = await ok(d.t.call('GET', `/v1/orders/${orderId}`, { token: d.acme }));
    assert.deepEqual([contract.id, contract.url, contract.number], [order.contract_id, `/v1/contracts/${order.contract_id}/document`, 1]);
    for (const doc of rest) {
      assert.equal(doc.url, `/v1/documents/${doc.id}`);
      assert.match(doc.id, /^doc_/);
      assert.equal(doc.number, 1);
      assert.match(doc.content_type, /^text\/html/);
    }
    assert.deepEqual((await ok(list(d, orderId, d.led))).data, buyer.data);
    assert.deepEqual((await ok(list(d, orderId, d.operator))).data, rest);
    const res = await download(d, contract.url, d.acme);
    assert.equal(res.status, 200);
    assert.ok((await res.text()).includes(order.contract_id), 'the contract entry’s URL downloads the contract');
  });

  test('each kind downloads as print-ready HTML for buyer, supplier and operator, with no unescaped hostile text', async () => {
    const docs = (await ok(list(d, orderId, d.acme))).data.filter((x: any) => x.kind !== 'contract');
    for (const doc of docs) {
      for (const token of [d.acme, d.led, d.operator]) {
        const res = await download(d, doc.url, token);
        const html = await res.text();
        assert.equal(res.status, 200, `${doc.kind}: ${html}`);
        assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
        assert.equal(res.headers.get('content-disposition'), `attachment; filename="${doc.filename}"`);
        assert.equal(res.headers.get('content-security-policy'), DOCUMENT_CSP);
        assert.match(html, /^<!doctype html>/);
        assert.match(html, /@page \{ size: A4/);
        assert.ok(!html.includes('<script'), `${doc.kind} carries a raw <script>`);
        assert.ok(html.includes(orderId));
      }
    }
    const receipt = await (await download(d, docs.find((x: any) => x.kind === 'goods_receipt').url, d.acme)).text();
    assert.ok(receipt.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'), 'the product name is printed, escaped');
    const packing = await (await download(d, docs.find((x: any) => x.kind === 'packing_list').url, d.acme)).text();
    assert.ok(packing.includes('&lt;script&gt;'), 'the note is printed, escaped');
    const invoice = await (await download(d, docs.find((x: any) => x.kind === 'commercial_invoice').url, d.acme)).text();
    assert.ok(invoice.includes('$4,250.00'), 'the invoice total in dollars');
    const bl = await (await download(d, docs.find((x: any) => x.kind === 'bill_of_lading').url, d.acme)).text();
    assert.ok(bl.includes('Ningbo &lt;script&gt;'));
  });

  test('another buyer, another supplier, an operator of another warehouse: 404 for the list and every document', async () => {
    const docs = (await ok(list(d, orderId, d.acme))).data.filter((x: any) => x.kind !== 'contract');
    for (const token of [d.globex, d.textiles, shanghai]) {
      await expectProblem(await list(d, orderId, token), 404, 'not-found');
      for (const doc of docs) await expectProblem(await download(d, doc.url, token), 404, 'not-found');
    }
    await expectProblem(await download(d, '/v1/documents/doc_doesnotexist', d.acme), 404, 'not-found');
  });
});

describe('before payment', () => {
  let d: PayDeal;
  before(async () => {
    d = await openPayDeal();
  });
  after(() => d.t.close());

  test('the operator gets 404; the parties see the contract alone', async () => {
    const orderId = await confirmedOrder(d);
    await expectProblem(await list(d, orderId, d.operator), 404, 'not-found');
    assert.deepEqual((await ok(list(d, orderId, d.acme))).data.map((x: any) => x.kind), ['contract']);
  });
});

describe('the bill of lading upload', () => {
  let d: PayDeal;
  let orderId: string;
  before(async () => {
    d = await openPayDeal();
    orderId = await paidOrder(d);
    await packingList(d, orderId);
    await receive(d, orderId);
    await inspect(d, orderId);
    await measureAll(d, orderId);
  });
  after(() => d.t.close());

  test('refused before consolidation, checked by magic bytes, size, type, filename and caller; nothing stored on refusal', async () => {
    const initial = await warehouseSnapshot(d);
    await expectProblem(await upload(d, orderId, PNG, 'image/png'), 409, 'step-out-of-order');
    await consolidate(d, orderId);
    const consolidated = await warehouseSnapshot(d);
    assert.notDeepEqual(consolidated, initial);
    await expectProblem(await upload(d, orderId, PNG, 'application/pdf'), 422, 'validation');
    await expectProblem(await upload(d, orderId, PDF, 'image/jpeg'), 422, 'validation');
    await expectProblem(await upload(d, orderId, new Uint8Array(), 'image/png'), 422, 'validation');
    await expectProblem(await upload(d, orderId, new TextEncoder().encode('<html><script>1</script>'), 'text/html'), 415, 'unsupported-media-type');
    const big = new Uint8Array(1024 * 1024 + 1);
    big.set(PDF);
    await expectProblem(await upload(d, orderId, big, 'application/pdf'), 413, 'payload-too-large');
    await expectProblem(await upload(d, orderId, PDF, 'application/pdf', d.operator, 'kind=goods_receipt'), 422, 'validation');
    await expectProblem(await upload(d, orderId, PDF, 'application/pdf', d.operator, 'kind=bill_of_lading&filename=%22evil%22.pdf'), 422, 'validation');
    await expectProblem(await upload(d, orderId, PDF, 'application/pdf', d.acme), 403, 'forbidden');
    await expectProblem(await upload(d, orderId, PDF, 'application/pdf', await otherWarehouseOperator(d)), 404, 'not-found');
    assert.deepEqual(await warehouseSnapshot(d), consolidated);
  });

  test('a PDF and a PNG upload: listed, and downloaded byte for byte as attachments that cannot run', async () => {
    const pdfRes = await upload(d, orderId, PDF, 'application/pdf', d.operator, 'kind=bill_of_lading&filename=MAEU%20BL%20778812.pdf');
    const pdf = await ok(pdfRes, 201);
    assert.equal(pdfRes.headers.get('location'), pdf.url);
    assert.deepEqual([pdf.kind, pdf.content_type, pdf.filename], ['bill_of_lading', 'application/pdf', 'MAEU BL 778812.pdf']);
    const png = await ok(upload(d, orderId, PNG, 'image/png'), 201);
    assert.equal(png.number, pdf.number + 1);
    assert.match(png.filename, /\.png$/);
    const kinds = (await ok(list(d, orderId, d.acme))).data.map((x: any) => x.id);
    assert.ok(kinds.includes(pdf.id) && kinds.includes(png.id));
    for (const [doc, bytes, type] of [[pdf, PDF, 'application/pdf'], [png, PNG, 'image/png']] as const) {
      for (const token of [d.acme, d.led, d.operator]) {
        const res = await download(d, doc.url, token);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), type);
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(res.headers.get('content-disposition'), `attachment; filename="${doc.filename}"`);
        assert.match(res.headers.get('content-security-policy') ?? '', /\bsandbox\b/);
        assert.deepEqual(new Uint8Array(await res.arrayBuffer()), bytes);
      }
      await expectProblem(await download(d, doc.url, d.globex), 404, 'not-found');
    }
  });
});
