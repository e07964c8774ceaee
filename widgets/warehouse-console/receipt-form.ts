/**
 * Receiving cartons with a keyboard-wedge scanner: the scan field takes a barcode per Enter (a pasted
 * list adds every line), each becomes a pending row whose product and quantity default to the packing
 * list's; duplicates are flagged at once, and the server's duplicate refusal marks the rows it names.
 */
import { html, nothing } from 'lit';
import { StepError } from '../core/warehouse/api.js';
import { K100ReceiptSubmitEvent } from '../core/warehouse/events.js';
import { BARCODE } from '../core/warehouse/rules.js';
import type { ConsoleData } from './gates.js';
import { StepForm, fieldId, valueOf } from './step-form.js';

interface Row {
  barcode: string;
  product_id: string;
  quantity: string;
  /** The server refused this barcode as already received. */
  refused?: boolean;
}

type Flag = { barcode: string; key: 'whDupReceived' | 'whDupPending' | 'whScanInvalid' };

export class ReceiptForm extends StepForm {
  readonly section = 'receipt';
  rows: Row[] = [];
  flags: Flag[] = [];
  private scan = '';

  override reset(): void {
    super.reset();
    this.rows = [];
    this.flags = [];
    this.scan = '';
  }

  override succeeded(): void {
    super.succeeded();
    this.rows = [];
    this.flags = [];
  }

  /** Adds scanned barcodes as pending rows; flags the invalid and the duplicate ones. */
  add(data: ConsoleData, barcodes: string[]): void {
    const flags: Flag[] = [];
    let added = 0;
    for (const raw of barcodes) {
      const barcode = raw.trim();
      if (!barcode) continue;
      if (!BARCODE.test(barcode)) flags.push({ barcode, key: 'whScanInvalid' });
      else if (data.shipment.cartons.some((c) => c.barcode === barcode)) flags.push({ barcode, key: 'whDupReceived' });
      else if (this.rows.some((r) => r.barcode === barcode)) flags.push({ barcode, key: 'whDupPending' });
      else {
        const listed = data.packingList?.cartons.find((c) => c.barcode === barcode);
        const only = data.crossCheck.lines.length === 1 ? data.crossCheck.lines[0]!.product_id : '';
        this.rows.push({ barcode, product_id: listed?.product_id ?? only, quantity: listed ? String(listed.quantity) : '' });
        added++;
      }
    }
    this.flags = flags;
    this.formError = this.note = '';
    const said = [added ? this.t('whScanned', { count: added }) : '', ...flags.map((f) => this.t(f.key, { barcode: f.barcode }))];
    this.host.announce(said.filter(Boolean).join(' '));
    this.update();
  }

  private handleKeydown(event: KeyboardEvent, data: ConsoleData) {
    if (event.key !== 'Enter') return;
    // A scanner ends each barcode with Enter: add it, never submit the form.
    event.preventDefault();
    const input = event.target as HTMLInputElement;
    const value = input.value;
    input.value = this.scan = '';
    this.add(data, [value]);
  }

  private handlePaste(event: ClipboardEvent, data: ConsoleData) {
    const lines = (event.clipboardData?.getData('text') ?? '').split(/[\r\n]+/).filter((l) => l.trim());
    if (lines.length < 2) return;
    event.preventDefault();
    this.add(data, lines);
  }

  private edit(index: number, change: Partial<Row>) {
    const row = this.rows[index];
    if (!row) return;
    Object.assign(row, change);
    for (const key of Object.keys(change)) this.errors.delete(`cartons.${index}.${key}`);
    this.update();
  }

  private remove(index: number) {
    const barcode = this.rows[index]?.barcode;
    this.rows = this.rows.filter((_, i) => i !== index);
    this.errors = new Map();
    this.update();
    void this.host.updateComplete.then(() => this.scope?.querySelector<HTMLElement>('[part~="scan-input"]')?.focus());
    if (barcode) this.host.announce(this.t('whRemoveCarton', { barcode }));
  }

  protected override places(path: string): boolean {
    const match = /^cartons\.(\d+)\.(barcode|product_id|quantity)$/.exec(path);
    return !!match && Number(match[1]) < this.rows.length;
  }

  override fail(error: unknown): void {
    super.fail(error);
    if (error instanceof StepError && error.code === 'barcode_already_received') {
      for (const row of this.rows) row.refused = error.barcodes.includes(row.barcode);
    }
  }

  async submit(event: SubmitEvent) {
    event.preventDefault();
    const { host } = this;
    if (host.busy) return;
    this.clear();
    if (!this.rows.length) {
      this.formError = this.t('whNoPending');
      return this.invalid();
    }
    this.rows.forEach((row, i) => {
      row.refused = false;
      if (!row.product_id) this.errors.set(`cartons.${i}.product_id`, this.t('whProductRequired'));
      const quantity = Number(row.quantity);
      if (!/^\d+$/.test(row.quantity.trim()) || quantity < 1 || quantity > 10_000_000) {
        this.errors.set(`cartons.${i}.quantity`, this.t('whQuantityInvalid'));
      }
    });
    if (this.errors.size) return this.invalid();
    const body = { cartons: this.rows.map((r) => ({ barcode: r.barcode, product_id: r.product_id, quantity: Number(r.quantity) })) };
    return host.step(
      this,
      new K100ReceiptSubmitEvent({ order_id: host.orderKey, body }),
      (api) => api.receipt(host.orderKey, body),
      (receipt) => this.t('whReceiptDone', { number: receipt.number, count: receipt.cartons.length }),
    );
  }

  render(data: ConsoleData) {
    const products = data.crossCheck.lines;
    const error = (name: string) => this.errors.get(name);
    return html`<form class="stack" novalidate @submit=${(e: SubmitEvent) => this.submit(e)}>
      <div class="field scan">
        <label class="label" for="wh-scan">${this.t('whScanLabel')}</label>
        <input
          id="wh-scan"
          part="scan-input"
          class="control mono"
          type="text"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          enterkeyhint="enter"
          aria-describedby="wh-scan-hint${this.flags.length ? ' wh-scan-flags' : ''}"
          .value=${this.scan}
          @input=${(e: Event) => (this.scan = valueOf(e))}
          @keydown=${(e: KeyboardEvent) => this.handleKeydown(e, data)}
          @paste=${(e: ClipboardEvent) => this.handlePaste(e, data)}
        />
        <p id="wh-scan-hint" class="hint muted">${this.t('whScanHint')}</p>
        ${this.flags.length
          ? html`<ul id="wh-scan-flags" part="scan-flags" class="flags">
              ${this.flags.map((f) => html`<li part="scan-flag" class="flag" data-kind=${f.key}>⚠ ${this.t(f.key, { barcode: f.barcode })}</li>`)}
            </ul>`
          : nothing}
      </div>
      <p class="muted">${this.t('whOnHand', { count: data.shipment.cartons.filter((c) => !c.returned).length })}</p>
      ${this.rows.length
        ? html`<div class="table-wrap">
            <table part="pending-cartons" class="grid">
              <caption class="sr-only">${this.t('whPendingTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">${this.t('whBarcode')}</th>
                  <th scope="col">${this.t('whProduct')}</th>
                  <th scope="col">${this.t('whQuantity')}</th>
                  <th scope="col"><span class="sr-only">${this.t('whActions')}</span></th>
                </tr>
              </thead>
              <tbody>
                ${this.rows.map((row, i) => {
                  const listed = data.packingList?.cartons.some((c) => c.barcode === row.barcode);
                  const productError = error(`cartons.${i}.product_id`);
                  const quantityError = error(`cartons.${i}.quantity`);
                  const rowError = error(`cartons.${i}.barcode`) ?? (row.refused ? this.t('whServerReceived') : '');
                  const id = fieldId(`cartons.${i}`);
                  return html`<tr part="pending-carton" class=${row.refused ? 'is-refused' : ''}>
                    <th scope="row" class="mono">
                      <span class="barcode">${row.barcode}</span>
                      <span class="tag">${this.t(listed ? 'whFromPackingList' : 'whNotOnPackingList')}</span>
                      ${rowError ? html`<p id="${id}-barcode-error" part="field-error row-error" class="field-error error">✖ ${rowError}</p>` : nothing}
                    </th>
                    <td>
                      <select
                        id="${id}-product_id"
                        class="control"
                        aria-label=${this.t('whProductFor', { barcode: row.barcode })}
                        aria-invalid=${productError ? 'true' : 'false'}
                        aria-describedby=${productError ? `${id}-product_id-error` : nothing}
                        @change=${(e: Event) => this.edit(i, { product_id: valueOf(e) })}
                      >
                        <option value="" ?selected=${!row.product_id}>${this.t('whChooseProduct')}</option>
                        ${products.map((p) => html`<option value=${p.product_id} ?selected=${p.product_id === row.product_id}>${p.product_name ?? p.product_id}</option>`)}
                      </select>
                      ${productError ? html`<p id="${id}-product_id-error" part="field-error" class="field-error error">${productError}</p>` : nothing}
                    </td>
                    <td>
                      <input
                        id="${id}-quantity"
                        class="control num"
                        inputmode="numeric"
                        autocomplete="off"
                        aria-label=${this.t('whQuantityFor', { barcode: row.barcode })}
                        aria-invalid=${quantityError ? 'true' : 'false'}
                        aria-describedby=${quantityError ? `${id}-quantity-error` : nothing}
                        .value=${row.quantity}
                        @input=${(e: Event) => this.edit(i, { quantity: valueOf(e) })}
                      />
                      ${quantityError ? html`<p id="${id}-quantity-error" part="field-error" class="field-error error">${quantityError}</p>` : nothing}
                    </td>
                    <td>
                      <button part="remove-button" class="btn" type="button" @click=${() => this.remove(i)}>
                        <span aria-hidden="true">✕</span><span class="sr-only">${this.t('whRemoveCarton', { barcode: row.barcode })}</span>
                      </button>
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`
        : html`<p part="no-pending" class="muted">${this.t('whNoPending')}</p>`}
      ${this.footer(this.t('whRecordReceipt'))}
    </form>`;
  }
}
