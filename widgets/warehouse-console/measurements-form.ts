/**
 * The weigh-and-measure grid: one row per carton on hand, weight and L×W×H typed (numeric keyboard, Enter
 * moves down the column), checked as typed, with live totals in kg and CBM. Re-measuring replaces.
 */
import { html, nothing } from 'lit';
import type { ShipmentCarton } from '../core/warehouse/api.js';
import { K100MeasurementsSubmitEvent } from '../core/warehouse/events.js';
import { cbm, parseMeasure, round } from '../core/warehouse/rules.js';
import type { WarehouseKey } from '../core/warehouse/messages.js';
import { onHand, type ConsoleData } from './gates.js';
import { StepForm } from './step-form.js';

const COLUMNS = ['weight_kg', 'length_cm', 'width_cm', 'height_cm'] as const;
type Column = (typeof COLUMNS)[number];
const LABELS: Record<Column, [WarehouseKey, WarehouseKey]> = {
  weight_kg: ['whWeight', 'whWeightFor'],
  length_cm: ['whLength', 'whLengthFor'],
  width_cm: ['whWidth', 'whWidthFor'],
  height_cm: ['whHeight', 'whHeightFor'],
};
const max = (column: Column) => (column === 'weight_kg' ? 100_000 : 2000);

export class MeasurementsForm extends StepForm {
  readonly section = 'measurements';
  /** What was typed, by barcode and column; untouched cells show the last measurement. */
  typed = new Map<string, Partial<Record<Column, string>>>();
  /** After a submit attempt, empty cells count as errors too. */
  private submitted = false;

  override reset(): void {
    super.reset();
    this.succeeded();
  }

  override succeeded(): void {
    super.succeeded();
    this.typed = new Map();
    this.submitted = false;
  }

  value(carton: ShipmentCarton, column: Column): string {
    const typed = this.typed.get(carton.barcode)?.[column];
    if (typed !== undefined) return typed;
    const stored = carton[column];
    return stored === null ? '' : String(stored);
  }

  /** A row's numbers, or which of its cells are wrong (empty ones only once a submit was tried). */
  private read(carton: ShipmentCarton) {
    const values: Partial<Record<Column, number>> = {};
    const bad = new Set<Column>();
    for (const column of COLUMNS) {
      const text = this.value(carton, column);
      const number = parseMeasure(text, max(column));
      if (number === undefined) {
        if (text.trim() || this.submitted) bad.add(column);
      } else values[column] = number;
    }
    return { values, bad, complete: Object.keys(values).length === COLUMNS.length };
  }

  totals(cartons: ShipmentCarton[]) {
    let kg = 0;
    let volume = 0;
    for (const carton of cartons) {
      const { values } = this.read(carton);
      kg += values.weight_kg ?? 0;
      if (values.length_cm && values.width_cm && values.height_cm) volume += cbm(values.length_cm, values.width_cm, values.height_cm);
    }
    return { kg: round(kg, 3), cbm: round(volume, 3) };
  }

  private type(barcode: string, column: Column, text: string) {
    this.typed.set(barcode, { ...this.typed.get(barcode), [column]: text });
    this.formError = '';
    this.update();
  }

  /** Enter moves to the same column of the next row (the last row's Enter submits). */
  private handleKeydown(event: KeyboardEvent, row: number, column: Column) {
    if (event.key !== 'Enter') return;
    const below = this.scope?.querySelector<HTMLInputElement>(`#wh-m-${row + 1}-${column}`);
    if (!below) return;
    event.preventDefault();
    below.focus();
    below.select();
  }

  async submit(event: SubmitEvent, data: ConsoleData) {
    event.preventDefault();
    const { host } = this;
    if (host.busy) return;
    this.clear();
    this.submitted = true;
    const cartons = onHand(data.shipment);
    const rows = cartons.map((c) => ({ carton: c, ...this.read(c) }));
    const wrong = rows.filter((r) => !r.complete).length;
    if (wrong) {
      this.formError = this.t('whMeasureIncomplete', { count: wrong });
      return this.invalid();
    }
    const body = {
      cartons: rows.map(({ carton, values }) => ({
        barcode: carton.barcode,
        weight_kg: values.weight_kg!,
        length_cm: values.length_cm!,
        width_cm: values.width_cm!,
        height_cm: values.height_cm!,
      })),
    };
    return host.step(
      this,
      new K100MeasurementsSubmitEvent({ order_id: host.orderKey, body }),
      (api) => api.measurements(host.orderKey, body),
      (result) => this.t('whMeasureDone', { kg: result.totals.weight_kg, cbm: result.totals.volume_cbm }),
    );
  }

  render(data: ConsoleData) {
    const cartons = onHand(data.shipment);
    const totals = this.totals(cartons);
    return html`<form class="stack" novalidate @submit=${(e: SubmitEvent) => this.submit(e, data)}>
      <div class="table-wrap">
        <table part="measurements-grid" class="grid">
          <caption class="sr-only">${this.t('whMeasureTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">${this.t('whBarcode')}</th>
              ${COLUMNS.map((c) => html`<th scope="col">${this.t(LABELS[c][0])}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${cartons.map((carton, i) => {
              const { bad } = this.read(carton);
              const server = COLUMNS.map((c) => this.errors.get(`cartons.${i}.${c}`)).filter(Boolean);
              const messages = [
                ...(bad.has('weight_kg') ? [this.t('whWeightInvalid')] : []),
                ...(['length_cm', 'width_cm', 'height_cm'] as const).some((c) => bad.has(c)) ? [this.t('whDimInvalid')] : [],
                ...server,
              ];
              const errorId = `wh-m-${i}-error`;
              return html`<tr part="measurement-row">
                <th scope="row" class="mono">
                  ${carton.barcode}
                  ${carton.weight_kg !== null ? html`<span class="tag">${this.t('whMeasured')}</span>` : nothing}
                  ${messages.length ? html`<p id=${errorId} part="field-error" class="field-error error">${messages.join(' ')}</p>` : nothing}
                </th>
                ${COLUMNS.map((column) => {
                  const invalid = bad.has(column) || this.errors.has(`cartons.${i}.${column}`);
                  return html`<td>
                    <input
                      id="wh-m-${i}-${column}"
                      class="control num"
                      inputmode="decimal"
                      autocomplete="off"
                      aria-label=${this.t(LABELS[column][1], { barcode: carton.barcode })}
                      aria-invalid=${invalid ? 'true' : 'false'}
                      aria-describedby=${invalid ? errorId : nothing}
                      .value=${this.value(carton, column)}
                      @input=${(e: Event) => this.type(carton.barcode, column, (e.target as HTMLInputElement).value)}
                      @keydown=${(e: KeyboardEvent) => this.handleKeydown(e, i, column)}
                    />
                  </td>`;
                })}
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      <p part="measurement-totals" class="strong">${this.t('whTotals', { kg: totals.kg, cbm: totals.cbm })}</p>
      ${this.footer(this.t('whRecordMeasurements'))}
    </form>`;
  }
}
