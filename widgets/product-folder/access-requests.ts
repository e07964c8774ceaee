/** The Private tab's "request access" section: pick a supplier, write a message, see pending requests. */
import { html, nothing } from 'lit';
import type { Supplier, AccessRequest } from '../core/api-types.js';
import { ApiError, allPages } from '../core/api.js';
import type { K100Element } from '../core/element.js';
import { K100AccessRequestCreateEvent, type FolderKind } from '../core/events.js';
import { Loader } from '../core/loader.js';
import { renderStates } from '../core/states.js';

type Host = K100Element & { tab: FolderKind };

/** State and template of the section; its loaders are controllers of the host element. */
export class AccessRequests {
  private open = false;
  private sending = false;
  private status?: { error: boolean; text: string };

  private readonly suppliers: Loader<[], Supplier[]>;
  private readonly pending: Loader<[], AccessRequest[]>;

  constructor(private readonly host: Host) {
    this.suppliers = new Loader(
      host,
      async (api, _args, signal) => (await api.suppliers({ limit: 100 }, signal)).data,
      () => (this.open && host.tab === 'private' ? [] : false),
    );
    this.pending = new Loader(
      host,
      (api, _args, signal) => allPages((cursor) => api.accessRequests({ status: 'pending', cursor }, signal)),
      () => (host.tab === 'private' ? [] : false),
    );
  }

  /** Forgets the form's state (another session took over). */
  reset() {
    this.open = false;
    this.status = undefined;
    this.host.renderRoot.querySelector<HTMLFormElement>('[part~="access-form"]')?.reset();
  }

  private update(change: { open?: boolean; sending?: boolean }) {
    Object.assign(this, change);
    this.host.requestUpdate();
  }

  private setStatus(error: boolean, text: string) {
    this.status = { error, text };
    this.host.requestUpdate();
  }

  private handleToggle = () => {
    this.update({ open: !this.open });
  };

  private handleSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.sending) return;
    const { host } = this;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const supplierId = String(data.get('supplier_id') ?? '');
    const message = String(data.get('message') ?? '').trim();
    const supplier = this.suppliers.value?.find((s) => s.id === supplierId);
    if (!supplier || !message) return this.setStatus(true, host.t('requestIncomplete'));
    this.status = undefined;
    this.update({ sending: true });
    try {
      const request = await host.api.createAccessRequest({ supplier_id: supplierId, message });
      form.reset();
      this.setStatus(false, host.t('requestSent', { name: supplier.name }));
      const created = new K100AccessRequestCreateEvent({ request });
      host.dispatchEvent(created);
      this.pending.refresh();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        this.setStatus(false, host.t('requestPending', { name: supplier.name }));
      } else {
        this.setStatus(true, host.t('requestFailed'));
        host.handleApiError(error);
      }
    } finally {
      this.update({ sending: false });
    }
  };

  private renderSuppliers(suppliers: Supplier[]) {
    const { host } = this;
    return html`<label class="field">
      <span class="label">${host.t('supplier')}</span>
      <select part="supplier-select" class="control" name="supplier_id" aria-required="true">
        <option value="">${host.t('chooseSupplier')}</option>
        ${suppliers.map((s) => html`<option value=${s.id}>${s.name} · ${s.location}</option>`)}
      </select>
    </label>`;
  }

  render() {
    const { host, open, sending, status } = this;
    return html`<section part="access" class="access" aria-labelledby="access-title">
      <p id="access-title" class="section-title">${host.t('accessTitle')}</p>
      <p class="muted">${host.t('accessIntro')}</p>
      <button
        part="access-toggle"
        class="btn"
        type="button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls="access-form"
        @click=${this.handleToggle}
      >
        ${host.t('requestAccess')}
      </button>
      <form id="access-form" part="access-form" class="access-form" novalidate ?hidden=${!open} @submit=${this.handleSubmit}>
        ${open
          ? renderStates(host, this.suppliers, {
              complete: (suppliers) => this.renderSuppliers(suppliers),
              skeleton: 'rows',
              count: 1,
            })
          : nothing}
        <label class="field">
          <span class="label">${host.t('message')}</span>
          <textarea part="message-input" class="control" name="message" maxlength="2000" aria-required="true"></textarea>
        </label>
        <button part="access-submit" class="btn primary" type="submit" aria-disabled=${sending ? 'true' : 'false'}>
          ${host.t(sending ? 'sending' : 'sendRequest')}
        </button>
      </form>
      <p part="access-status" class=${status?.error ? 'error' : 'muted'} role="status">${status?.text ?? ''}</p>
      ${renderStates(host, this.pending, {
        complete: (requests) => html`<p class="section-title">${host.t('pendingTitle')}</p>
          <ul part="pending-list" class="pending">
            ${requests.map(
              (r) => html`<li>
                <span class="name">${r.supplier.name}</span>
                <span class="muted">${host.t('requestedOn', { date: host.date(r.created_at) })}</span>
              </li>`,
            )}
          </ul>`,
        isEmpty: (requests) => requests.length === 0,
        skeleton: 'rows',
        count: 1,
      })}
    </section>`;
  }
}
