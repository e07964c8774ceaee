/**
 * What `<k100-shipment-tracker>` draws of a loaded order: the milestone timeline, the transport details and
 * pickup instructions (in the widget's language, from the mode, port and courier), the cartons, and the
 * documents with their downloads. Server text is bound as text.
 */
import { html, nothing } from 'lit';
import type { K100Element } from '../core/element.js';
import { formatNumber } from '../core/format.js';
import type { Milestone, Order, OrderDocument, Shipment } from '../core/ship/api.js';
import { dateTime, label, st } from '../core/ship/messages.js';

export type DownloadState = 'busy' | 'done' | 'failed';

/** The milestones in order, the current one marked as the step the order is at. */
export function renderTimeline(host: K100Element, order: Order) {
  const item = (m: Milestone) => html`<li
    part="milestone milestone-${m.state}"
    class="milestone ${m.state}"
    aria-current=${m.state === 'current' ? 'step' : nothing}
  >
    <span class="marker" aria-hidden="true"></span>
    <div class="milestone-body">
      <p class="milestone-line">
        <span class="milestone-name">${label(host, 'shipMs_', m.code)}</span>
        <span class="milestone-state">${st(host, `shipState_${m.state}`)}</span>
      </p>
      ${m.at || m.place || m.actor
        ? html`<p class="muted meta">
            ${m.at ? html`<time datetime=${m.at}>${dateTime(host, m.at)}</time>` : nothing}
            ${m.place ? html`<span class="place">${m.place}</span>` : nothing}
            ${m.actor ? html`<span class="actor">${st(host, 'shipActor', { name: m.actor.name })}</span>` : nothing}
          </p>`
        : nothing}
    </div>
  </li>`;
  return html`<section part="timeline" class="section" aria-labelledby="ship-milestones">
    <h3 id="ship-milestones">${st(host, 'shipMilestones')}</h3>
    <ol class="milestones">${order.milestones.map(item)}</ol>
  </section>`;
}

/** Mode, warehouse, destination, container or courier, B/L, customs and inspection; then where to pick up. */
export function renderTransport(host: K100Element, order: Order, shipment: Shipment) {
  const { consolidation: c, inspection, customs, pickup } = shipment;
  const warehouse = shipment.warehouse ?? order.warehouse;
  const row = (key: Parameters<typeof st>[1], value: unknown, mono = false) =>
    value == null || value === ''
      ? nothing
      : html`<div><dt>${st(host, key)}</dt><dd class=${mono ? 'mono' : ''}>${value}</dd></div>`;
  const sea = shipment.shipping_mode !== 'courier';
  return html`<section part="transport" class="section" aria-labelledby="ship-transport">
      <h3 id="ship-transport">${st(host, 'shipTransport')}</h3>
      <dl class="facts">
        ${row('shipFieldMode', label(host, 'shipMode_', shipment.shipping_mode))}
        ${row('shipFieldWarehouse', warehouse && `${warehouse.name} (${warehouse.port}), ${warehouse.address}`)}
        ${row('shipFieldDestination', shipment.destination_port, true)}
        ${sea ? row('shipFieldContainer', c?.container_no, true) : nothing} ${sea ? row('shipFieldSeal', c?.seal_no, true) : nothing}
        ${sea ? nothing : row('shipFieldCarrier', c?.carrier)} ${sea ? nothing : row('shipFieldTracking', c?.tracking_no, true)}
        ${row('shipFieldBl', shipment.bill_of_lading_no, true)} ${row('shipFieldCustoms', customs?.declaration_no, true)}
        ${row(
          'shipFieldInspection',
          inspection &&
            st(host, `shipInspection_${inspection.result}`, { sampled: inspection.sampled, required: inspection.required_sample }),
        )}
      </dl>
    </section>
    <section part="pickup" class="section callout" aria-labelledby="ship-pickup">
      <h3 id="ship-pickup">${st(host, 'shipPickup')}</h3>
      <p>${label(host, 'shipPickup_', pickup.mode, '')}</p>
      <p part="pickup-where" class="where">
        ${st(host, `shipPickupWhere_${pickup.mode}`, { port: shipment.destination_port, carrier: c?.carrier ?? '—', tracking: c?.tracking_no ?? '—' })}
      </p>
      <p part="pickup-instructions" class="muted">${st(host, `shipPickupHint_${pickup.mode}`)}</p>
    </section>`;
}

/** The cartons received, with measurements once taken; returned ones marked; totals in the footer. */
export function renderCartons(host: K100Element, shipment: Shipment) {
  const { cartons, totals } = shipment;
  const none = st(host, 'shipNone');
  const kg = (value: number | null) => (value == null ? none : st(host, 'shipKg', { value }));
  const h = {
    barcode: st(host, 'shipColBarcode'),
    product: st(host, 'shipColProduct'),
    quantity: st(host, 'shipColQuantity'),
    weight: st(host, 'shipColWeight'),
    dims: st(host, 'shipColDims'),
    returned: st(host, 'shipColReturned'),
  };
  return html`<section part="cartons" class="section">
    <h3 id="ship-cartons">${st(host, 'shipCartons')}</h3>
    ${cartons.length
      ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="ship-cartons">
          <table part="cartons-table" class="stack">
            <thead>
              <tr>
                <th scope="col">${h.barcode}</th><th scope="col">${h.product}</th><th scope="col" class="num">${h.quantity}</th>
                <th scope="col" class="num">${h.weight}</th><th scope="col">${h.dims}</th><th scope="col">${h.returned}</th>
              </tr>
            </thead>
            <tbody>
              ${cartons.map(
                (c) => html`<tr part="carton" class=${c.returned ? 'returned' : ''}>
                  <th scope="row" class="mono" data-label=${h.barcode}>${c.barcode}</th>
                  <td data-label=${h.product}>${c.product_name ?? c.product_id}</td>
                  <td class="num" data-label=${h.quantity}>${formatNumber(c.quantity, host.config.locale)}</td>
                  <td class="num" data-label=${h.weight}>${kg(c.weight_kg)}</td>
                  <td data-label=${h.dims}>
                    ${c.length_cm == null || c.width_cm == null || c.height_cm == null
                      ? none
                      : st(host, 'shipCm', { l: c.length_cm, w: c.width_cm, h: c.height_cm })}
                  </td>
                  <td data-label=${h.returned}>${st(host, c.returned ? 'shipReturned' : 'shipKept')}</td>
                </tr>`,
              )}
            </tbody>
            <tfoot>
              <tr part="cartons-totals">
                <th scope="row" data-label=${st(host, 'shipTotals')}>${st(host, 'shipCartonCount', { count: totals.cartons })}</th>
                <td></td>
                <td class="num" data-label=${h.quantity}>${formatNumber(totals.quantity, host.config.locale)}</td>
                <td class="num" data-label=${h.weight}>${kg(totals.weight_kg)}</td>
                <td data-label=${h.dims}>${totals.volume_cbm == null ? none : st(host, 'shipCbm', { value: totals.volume_cbm })}</td>
                <td></td>
              </tr>
            </tfoot>
          </table>
        </div>`
      : html`<p part="empty cartons-empty" class="muted">${st(host, 'shipNoCartons')}</p>`}
  </section>`;
}

/** "Packing list no. 2", or the server's title for a kind we do not know. */
export function documentName(host: K100Element, doc: OrderDocument): string {
  const name = label(host, 'shipDoc_', doc.kind, doc.title);
  return doc.number != null && doc.kind !== 'contract' ? st(host, 'shipDocNumber', { name, number: doc.number }) : name;
}

/** The order's documents, oldest first, each with a Download button and what became of the last download. */
export function renderDocuments(
  host: K100Element,
  documents: OrderDocument[],
  downloads: ReadonlyMap<string, DownloadState>,
  onDownload: (doc: OrderDocument) => void,
) {
  return html`<section part="documents" class="section" aria-labelledby="ship-documents">
    <h3 id="ship-documents">${st(host, 'shipDocuments')}</h3>
    ${documents.length
      ? html`<ul class="documents">
          ${documents.map((doc) => {
            const name = documentName(host, doc);
            const state = downloads.get(doc.id);
            return html`<li part="document" class="document">
              <div class="document-name">
                <span>${name}</span>
                <time class="muted" datetime=${doc.created_at}>${dateTime(host, doc.created_at)}</time>
              </div>
              <button
                part="download-button"
                class="btn"
                type="button"
                aria-disabled=${state === 'busy' ? 'true' : 'false'}
                @click=${() => onDownload(doc)}
              >
                ${st(host, state === 'busy' ? 'shipDownloading' : 'shipDownload')}<span class="sr-only"> ${name}</span>
              </button>
              <span part="download-status" class=${state === 'failed' ? 'error' : 'muted'} role="status">
                ${state === 'done' ? st(host, 'shipDownloaded', { name }) : state === 'failed' ? st(host, 'shipDownloadFailed', { name }) : ''}
              </span>
            </li>`;
          })}
        </ul>`
      : html`<p part="empty documents-empty" class="muted">${st(host, 'shipNoDocuments')}</p>`}
  </section>`;
}
