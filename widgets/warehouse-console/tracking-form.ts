/**
 * Tracking events, strictly in order (only the next one is offered; departure needs the bill of lading
 * number for sea freight), and the bill of lading document upload.
 */
import { html, nothing } from 'lit';
import type { TrackingBody, TrackingCode } from '../core/warehouse/api.js';
import { K100TrackingSubmitEvent } from '../core/warehouse/events.js';
import { nextTracking, type ConsoleData } from './gates.js';
import { StepForm, valueOf } from './step-form.js';

export class TrackingForm extends StepForm {
  readonly section = 'tracking';
  location = '';
  at = '';
  billOfLading = '';

  override reset(): void {
    super.reset();
    this.succeeded();
  }

  override succeeded(): void {
    super.succeeded();
    this.location = this.at = this.billOfLading = '';
  }

  async submit(event: SubmitEvent, data: ConsoleData, code: TrackingCode) {
    event.preventDefault();
    const { host } = this;
    if (host.busy) return;
    this.clear();
    const location = this.location.trim();
    const billOfLading = this.billOfLading.trim();
    const needsBl = code === 'departed' && data.order.shipping_mode !== 'courier';
    if (!location || location.length > 200) this.errors.set('location', this.t('whLocationRequired'));
    if (needsBl && !billOfLading) this.errors.set('bill_of_lading_no', this.t('whRequired'));
    const at = this.at ? new Date(this.at) : undefined;
    if (at && Number.isNaN(at.getTime())) this.errors.set('at', this.t('whRequired'));
    if (this.errors.size) return this.invalid();
    const body: TrackingBody = {
      code,
      location,
      ...(at ? { at: at.toISOString() } : {}),
      ...(code === 'departed' && billOfLading ? { bill_of_lading_no: billOfLading } : {}),
    };
    return host.step(
      this,
      new K100TrackingSubmitEvent({ order_id: host.orderKey, body }),
      (api) => api.trackingEvent(host.orderKey, body),
      () => this.t('whTrackingDone', { event: this.t(`whStep_${code}`) }),
    );
  }

  render(data: ConsoleData) {
    const code = nextTracking(data.shipment);
    if (!code) return html`<p>${this.t('whTrackingAllDone')}</p>`;
    const event = this.t(`whStep_${code}`);
    const sea = data.order.shipping_mode !== 'courier';
    return html`<form class="stack" novalidate @submit=${(e: SubmitEvent) => this.submit(e, data, code)}>
      <p part="next-event" class="strong">${this.t('whNextEvent', { event })}</p>
      <div class="cols">
        ${this.field('location', this.t('whLocation'), (a) => html`<input
            id=${a.id}
            part="location-input"
            class="control"
            maxlength="200"
            aria-invalid=${a.invalid}
            aria-describedby=${a.describedby}
            .value=${this.location}
            @input=${(e: Event) => ((this.location = valueOf(e)), this.errors.delete('location'))}
          />`)}
        ${this.field('at', this.t('whAt'), (a) => html`<input
            id=${a.id}
            part="time-input"
            class="control"
            type="datetime-local"
            aria-invalid=${a.invalid}
            aria-describedby=${a.describedby}
            .value=${this.at}
            @input=${(e: Event) => (this.at = valueOf(e))}
          />`)}
        ${code === 'departed'
          ? this.field('bill_of_lading_no', this.t(sea ? 'whBlNo' : 'whBlNoOptional'), (a) => html`<input
              id=${a.id}
              part="bill-of-lading-input"
              class="control mono"
              maxlength="64"
              autocomplete="off"
              aria-invalid=${a.invalid}
              aria-describedby=${a.describedby}
              .value=${this.billOfLading}
              @input=${(e: Event) => ((this.billOfLading = valueOf(e)), this.errors.delete('bill_of_lading_no'))}
            />`)
          : nothing}
      </div>
      ${this.footer(this.t('whRecordEvent', { event }))}
    </form>`;
  }
}

const TYPES = ['application/pdf', 'image/png', 'image/jpeg'];
export const MAX_UPLOAD = 1024 * 1024;

export class UploadForm extends StepForm {
  readonly section = 'upload';
  file: File | undefined;

  override succeeded(): void {
    super.succeeded();
    this.file = undefined;
    const input = this.scope?.querySelector<HTMLInputElement>('input[type="file"]');
    if (input) input.value = '';
  }

  override reset(): void {
    super.reset();
    this.file = undefined;
  }

  private choose(event: Event) {
    this.file = (event.target as HTMLInputElement).files?.[0];
    this.clear();
    this.check();
    this.update();
  }

  private check(): boolean {
    const file = this.file;
    if (!file) this.errors.set('file', this.t('whUploadChoose'));
    else if (!TYPES.includes(file.type)) this.errors.set('file', this.t('whUploadType'));
    else if (file.size > MAX_UPLOAD) this.errors.set('file', this.t('whUploadSize'));
    return !this.errors.size;
  }

  async submit(event: SubmitEvent) {
    event.preventDefault();
    const { host } = this;
    if (host.busy) return;
    this.clear();
    if (!this.check()) return this.invalid();
    const file = this.file!;
    return host.step(this, undefined, (api) => api.uploadBillOfLading(host.orderKey, file), () => this.t('whUploadDone', { name: file.name }));
  }

  render() {
    return html`<form class="stack" novalidate @submit=${(e: SubmitEvent) => this.submit(e)}>
      ${this.field('file', this.t('whUploadLabel'), (a) => html`<input
          id=${a.id}
          part="file-input"
          class="control file"
          type="file"
          accept=${TYPES.join(',')}
          aria-invalid=${a.invalid}
          aria-describedby=${a.describedby}
          @change=${(e: Event) => this.choose(e)}
        />`)}
      ${this.footer(this.t('whUpload'))}
    </form>`;
  }
}
