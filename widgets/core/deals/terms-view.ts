/**
 * Priced terms as the three deal widgets show them (line items with the server's totals, then the other
 * terms), with changed fields marked inline, and lists of field-level differences (old → new).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { K100Element } from '../element.js';
import type { MessageKey } from '../i18n.js';
import type { Difference, PricedTerms, ProductSnapshot } from './api.js';
import { formatDay, incotermName, percent, shippingModeName } from './format.js';

type Names = ReadonlyMap<string, string>;

export const productNames = (products: readonly ProductSnapshot[]): Names =>
  new Map(products.map((p) => [p.product_id, p.name]));

const FIELD_KEYS: Record<string, MessageKey> = {
  currency: 'fieldCurrency',
  incoterm: 'fieldIncoterm',
  delivery_date: 'fieldDeliveryDate',
  deposit_percent: 'fieldDeposit',
  inspection_percent: 'fieldInspection',
  shipping_mode: 'fieldShippingMode',
  destination_port: 'fieldDestinationPort',
  notes: 'fieldNotes',
  quantity: 'fieldQuantity',
  unit_price: 'fieldUnitPrice',
  title: 'fieldClauseTitle',
  body: 'fieldClauseBody',
  name: 'fieldEntityName',
  address: 'fieldEntityAddress',
  registration_no: 'fieldEntityRegistration',
  country: 'fieldEntityCountry',
};

/** A terms or contract value in words: money, percentages, days and codes the way people read them. */
export function formatValue(host: K100Element, leaf: string, value: unknown, currency: string): string {
  if (value === null || value === undefined || value === '') return host.t('noValue');
  if (typeof value === 'object') {
    const v = value as { quantity?: number; unit_price?: number; title?: string };
    if (v.quantity !== undefined && v.unit_price !== undefined) {
      return host.t('lineValue', { quantity: v.quantity, price: host.money(v.unit_price, currency) });
    }
    return v.title ?? JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (leaf === 'unit_price') return host.money(value, currency);
    if (leaf.endsWith('_percent')) return percent(host, value);
    return host.t('number', { value });
  }
  const text = String(value);
  if (leaf === 'delivery_date') return formatDay(text, host.config.locale);
  if (leaf === 'incoterm') return incotermName(host, text);
  if (leaf === 'shipping_mode') return shippingModeName(host, text);
  return text;
}

/** Where a difference is, in words: "LED Strip · Quantity", "Clause 2 · Text", "Seller · Address". */
export function describePath(host: K100Element, path: string, names: Names): { label: string; leaf: string } {
  const item = /^items\[(.+)\](?:\.(\w+))?$/.exec(path);
  if (item) {
    const name = names.get(item[1]!) ?? item[1]!;
    return { label: item[2] ? `${name} · ${host.t(FIELD_KEYS[item[2]] ?? 'fieldItem')}` : name, leaf: item[2] ?? 'item' };
  }
  const clause = /^clauses\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (clause) {
    const which = host.t('clauseNumber', { number: Number(clause[1]) + 1 });
    return { label: clause[2] ? `${which} · ${host.t(FIELD_KEYS[clause[2]]!)}` : which, leaf: clause[2] ?? 'clause' };
  }
  const entity = /^legal_entities\.(seller|buyer)\.(\w+)$/.exec(path);
  if (entity) {
    const side = host.t(entity[1] === 'seller' ? 'seller' : 'buyer');
    return { label: `${side} · ${host.t(FIELD_KEYS[entity[2]!] ?? 'fieldItem')}`, leaf: entity[2]! };
  }
  const key = FIELD_KEYS[path];
  return { label: key ? host.t(key) : path, leaf: path };
}

/** The currency values before a change were in: the old one if the currency itself changed. */
function currencies(diffs: readonly Difference[], currency: string) {
  const change = diffs.find((d) => d.path === 'currency');
  return { before: typeof change?.before === 'string' ? change.before : currency, after: currency };
}

/** A list of differences, each "where: old → new"; `part` names it for styling. */
export function renderDifferences(
  host: K100Element,
  diffs: readonly Difference[],
  names: Names,
  currency: string,
  part = 'differences',
): TemplateResult {
  const money = currencies(diffs, currency);
  return html`<ul part=${part} class="diffs">
    ${diffs.map((diff) => {
      const { label, leaf } = describePath(host, diff.path, names);
      const before = formatValue(host, leaf, diff.before, money.before);
      const after = formatValue(host, leaf, diff.after, money.after);
      const long = leaf === 'body' || leaf === 'address' || leaf === 'notes';
      return html`<li class="diff kind-${diff.kind} ${long ? 'long' : ''}">
        <span class="diff-label">${label}</span>
        ${diff.kind === 'added'
          ? html`<span class="diff-kind">${host.t('diffAdded')}</span> <ins>${after}</ins>`
          : diff.kind === 'removed'
            ? html`<span class="diff-kind">${host.t('diffRemoved')}</span> <del>${before}</del>`
            : html`<del><span class="sr-only">${host.t('diffWas')} </span>${before}</del>
                <span aria-hidden="true">→</span>
                <ins><span class="sr-only">${host.t('diffNow')} </span>${after}</ins>`}
      </li>`;
    })}
  </ul>`;
}

/** Inline mark on a changed value: a visible "was …" (colour alone never carries the change). */
function mark(host: K100Element, diff: Difference | undefined, leaf: string, currency: string) {
  if (!diff) return nothing;
  const text = diff.kind === 'added' ? host.t('markNew') : host.t('markWas', { value: formatValue(host, leaf, diff.before, currency) });
  return html`<span part="change-mark" class="was">${text}</span>`;
}

/**
 * Line items with the server's totals, and the other terms. `changes` marks changed values inline
 * (a removed line shows only in the differences list).
 */
export function renderTerms(
  host: K100Element,
  terms: PricedTerms,
  names: Names,
  changes: readonly Difference[] = [],
): TemplateResult {
  const byPath = new Map(changes.map((d) => [d.path, d]));
  const { currency, totals } = terms;
  const before = currencies(changes, currency).before;
  const cell = (path: string, leaf: string, text: string) => {
    const diff = byPath.get(path);
    return html`<span class=${diff ? 'changed' : ''}>${text}</span>${mark(host, diff, leaf, before)}`;
  };
  const row = (field: string, text: string) => html`<div class="term ${byPath.has(field) ? 'is-changed' : ''}">
    <dt>${host.t(FIELD_KEYS[field]!)}</dt>
    <dd>${cell(field, field, text)}</dd>
  </div>`;
  return html`<div part="terms" class="terms">
    <table part="terms-table" class="items-table">
      <caption class="sr-only">${host.t('itemsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">${host.t('fieldProduct')}</th>
          <th scope="col" class="num">${host.t('fieldQuantity')}</th>
          <th scope="col" class="num">${host.t('fieldUnitPrice')}</th>
          <th scope="col" class="num">${host.t('fieldLineTotal')}</th>
        </tr>
      </thead>
      <tbody>
        ${terms.items.map((item) => {
          const path = `items[${item.product_id}]`;
          const added = byPath.get(path);
          return html`<tr class=${added ? 'is-changed' : ''}>
            <th scope="row" class="product">${names.get(item.product_id) ?? item.product_id}${mark(host, added, 'item', before)}</th>
            <td class="num" data-label=${host.t('fieldQuantity')}>
              ${cell(`${path}.quantity`, 'quantity', host.t('number', { value: item.quantity }))}
            </td>
            <td class="num" data-label=${host.t('fieldUnitPrice')}>
              ${cell(`${path}.unit_price`, 'unit_price', host.money(item.unit_price, currency))}
            </td>
            <td class="num" data-label=${host.t('fieldLineTotal')}>${host.money(item.line_total, currency)}</td>
          </tr>`;
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colspan="3">${host.t('subtotal')}</th>
          <td class="num" data-label=${host.t('subtotal')}>${host.money(totals.subtotal, currency)}</td>
        </tr>
        <tr>
          <th scope="row" colspan="3">
            ${host.t('depositAmount', { percent: percent(host, terms.deposit_percent) })}
            <span class="muted">${host.t('depositWhen')}</span>
          </th>
          <td class="num" data-label=${host.t('fieldDeposit')}>${host.money(totals.deposit_amount, currency)}</td>
        </tr>
        <tr>
          <th scope="row" colspan="3">${host.t('balanceAmount')} <span class="muted">${host.t('balanceWhen')}</span></th>
          <td class="num" data-label=${host.t('balanceAmount')}>${host.money(totals.balance_amount, currency)}</td>
        </tr>
      </tfoot>
    </table>
    <dl part="terms-fields" class="term-list">
      ${row('currency', currency)} ${row('incoterm', incotermName(host, terms.incoterm))}
      ${row('delivery_date', formatDay(terms.delivery_date, host.config.locale))}
      ${row('deposit_percent', percent(host, terms.deposit_percent))}
      ${row('inspection_percent', percent(host, terms.inspection_percent))}
      ${row('shipping_mode', shippingModeName(host, terms.shipping_mode))} ${row('destination_port', terms.destination_port)}
      ${terms.notes || byPath.has('notes') ? row('notes', terms.notes || host.t('noValue')) : nothing}
    </dl>
  </div>`;
}

/** A status badge; `tone` picks its colour, the text always says the status. */
export function renderBadge(text: string, tone: 'neutral' | 'active' | 'done' | 'warn'): TemplateResult {
  return html`<span part="badge" class="badge ${tone}">${text}</span>`;
}
