/**
 * The three-way cross-check: status in words, per-product contract / packing list / received quantities,
 * and every difference spelled out (short, excess, unexpected product, packing-list mismatch, weight).
 * Marks carry text and an icon, never colour alone; product names are rendered as text only.
 */
import { html, nothing } from 'lit';
import type { CrossCheck, Difference } from '../core/warehouse/api.js';
import { wt } from '../core/warehouse/messages.js';
import type { K100Element } from '../core/element.js';

type ProductDifference = Extract<Difference, { product_id: string }>;

/** A product's name, or its id when the catalog no longer knows it. */
const named = (host: K100Element, name: string | null | undefined, id: string) => name ?? wt(host, 'whUnknownProduct', { id });

/** One difference as a sentence. */
export function describe(host: K100Element, d: Difference): string {
  switch (d.kind) {
    case 'short':
    case 'excess':
      return wt(host, `whDiff_${d.kind}`, {
        product: named(host, d.product_name, d.product_id),
        expected: d.expected,
        received: d.received,
        gap: Math.abs(d.expected - d.received),
      });
    case 'unexpected_product':
      return wt(host, 'whDiff_unexpected_product', { product: named(host, d.product_name, d.product_id), received: d.received });
    case 'packing_list_mismatch':
      return wt(host, 'whDiff_packing_list_mismatch', { product: named(host, d.product_name, d.product_id), contract: d.contract, packing_list: d.packing_list ?? '—' });
    case 'weight_mismatch':
      return wt(host, 'whDiff_weight_mismatch', { barcode: d.barcode, declared: d.declared_kg, measured: d.measured_kg });
    default:
      return wt(host, 'whDiff_packing_list_missing');
  }
}

export function renderCrossCheck(host: K100Element, check: CrossCheck) {
  const t = (key: Parameters<typeof wt>[1], params?: Parameters<typeof wt>[2]) => wt(host, key, params);
  const match = check.status === 'match';
  const byProduct = (id: string) => check.differences.filter((d): d is ProductDifference => 'product_id' in d && d.product_id === id);
  const unexpected = check.differences.filter((d) => d.kind === 'unexpected_product');
  const mark = (d: ProductDifference) => (d.kind === 'unexpected_product' ? 'unexpected_product' : d.kind);
  const row = (name: string, contract: number | string, listed: number | string | null, received: number, diffs: ProductDifference[]) =>
    html`<tr part="cross-check-line${diffs.length ? ' cross-check-line-diff' : ''}" class=${diffs.length ? 'is-diff' : ''}>
      <th scope="row">${name}</th>
      <td class="num">${contract}</td>
      <td class="num">${listed ?? '—'}</td>
      <td class="num">${received}</td>
      <td>
        ${diffs.length
          ? diffs.map((d) => html`<span part="difference-mark" class="mark bad">⚠ ${t(`whMark_${mark(d)}` as 'whMark_short')}</span> `)
          : html`<span class="mark ok">✓ ${t('whLineOk')}</span>`}
      </td>
    </tr>`;
  return html`<div part="cross-check" class="stack">
    <p part="cross-check-status" class="callout ${match ? 'ok' : 'bad'}" data-status=${check.status}>
      <span aria-hidden="true">${match ? '✓' : '⚠'}</span>
      ${match ? t('whCrossMatch') : t('whCrossDiscrepancy', { count: check.differences.length })}
    </p>
    <p class="muted">
      ${check.packing_list_revision === null ? t('whCrossNoRevision') : t('whCrossRevision', { revision: check.packing_list_revision })}
    </p>
    <div class="table-wrap">
      <table part="cross-check-table" class="grid">
        <caption class="sr-only">${t('whCrossTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('whProduct')}</th>
            <th scope="col">${t('whColContract')}</th>
            <th scope="col">${t('whColPackingList')}</th>
            <th scope="col">${t('whColReceived')}</th>
            <th scope="col">${t('whColCheck')}</th>
          </tr>
        </thead>
        <tbody>
          ${check.lines.map((l) => row(named(host, l.product_name, l.product_id), l.contract_quantity, l.packing_list_quantity, l.received_quantity, byProduct(l.product_id)))}
          ${unexpected.map((d) =>
            d.kind === 'unexpected_product'
              ? row(named(host, d.product_name, d.product_id), 0, '—', d.received, [d])
              : nothing,
          )}
        </tbody>
      </table>
    </div>
    ${check.differences.length
      ? html`<ul part="differences" class="differences">
          ${check.differences.map((d) => html`<li part="difference" data-kind=${d.kind}>⚠ ${describe(host, d)}</li>`)}
        </ul>`
      : nothing}
  </div>`;
}
