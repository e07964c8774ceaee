/**
 * Sandbox supplier center: the supplier's private (OEM/ODM) products, who may see them, and buyers'
 * access requests. Demo code, not a published widget; it talks to the same public API as any client.
 */
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Product } from '../../server/schemas/catalog.js';
import type { AccessRequest, Grant } from '../../server/schemas/folders.js';
import type { Persona } from './sandbox.js';

interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

@customElement('demo-supplier-center')
export class DemoSupplierCenter extends LitElement {
  @property({ attribute: false }) session = '';
  @property({ attribute: false }) supplierId = '';
  @property({ attribute: false }) buyers: Persona[] = [];
  @property({ attribute: false }) failure = '';

  @state() private privateProducts: Product[] = [];
  @state() private grants: Grant[] = [];
  @state() private requests: AccessRequest[] = [];
  @state() private loading = false;
  @state() private notice = '';

  // Light DOM so the demo stylesheet applies; this is a page, not an embeddable widget.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('session') && this.session) void this.load();
  }

  private async api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(path, {
      method,
      headers: {
        authorization: `Bearer ${this.session}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (response.status === 401) this.dispatchEvent(new Event('demo-session-expired'));
    if (!response.ok) {
      const problem = (await response.json().catch(() => ({ status: response.status }))) as Problem;
      const fields = problem.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
      throw new Error([problem.detail ?? problem.title, fields].filter(Boolean).join(' — '));
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.failure = '';
    try {
      const [products, grants, requests] = await Promise.all([
        this.api<{ data: Product[] }>('GET', `/v1/products?supplier_id=${encodeURIComponent(this.supplierId)}&limit=100`),
        this.api<{ data: Grant[] }>('GET', '/v1/private-grants'),
        this.api<{ data: AccessRequest[] }>('GET', '/v1/access-requests?status=pending'),
      ]);
      this.privateProducts = products.data.filter((p) => p.visibility === 'private');
      this.grants = grants.data.filter((g) => g.revoked_at === null);
      this.requests = requests.data;
    } catch (error) {
      this.failure = (error as Error).message;
    } finally {
      this.loading = false;
    }
  }

  private async act(label: string, action: () => Promise<unknown>): Promise<void> {
    this.notice = '';
    try {
      await action();
      this.notice = label;
      await this.load();
    } catch (error) {
      this.notice = `Refused: ${(error as Error).message}`;
    }
  }

  private handleGrant(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const buyerId = String(data.get('buyer_id') ?? '');
    const productIds = data.getAll('product_ids').map(String);
    void this.act(`Granted ${productIds.length} product(s) to ${buyerId}.`, () =>
      this.api('POST', '/v1/private-grants', { buyer_id: buyerId, product_ids: productIds }),
    ).then(() => form.reset());
  }

  private productName(id: string): string {
    return this.privateProducts.find((p) => p.id === id)?.name ?? id;
  }

  private buyerName(id: string): string {
    return this.buyers.find((b) => b.id === id)?.name ?? id;
  }

  override render() {
    if (this.failure) return html`<p class="error" role="alert">${this.failure}</p>`;
    if (!this.session) return html`<p class="muted">Starting a supplier session…</p>`;
    return html`
      <p class="status" role="status">${this.loading ? 'Loading…' : this.notice}</p>
      <div class="layout">
        <section aria-labelledby="private-heading" class="card">
          <h2 id="private-heading">Private products</h2>
          ${this.privateProducts.length === 0
            ? html`<p class="muted">This supplier has no private products.</p>`
            : html`<form @submit=${this.handleGrant} class="stack">
                <fieldset>
                  <legend>Products to share</legend>
                  ${this.privateProducts.map(
                    (p) => html`<label class="check"><input type="checkbox" name="product_ids" value=${p.id} /> ${p.name}</label>`,
                  )}
                </fieldset>
                <label>Buyer
                  <select name="buyer_id" required>
                    ${this.buyers.map((b) => html`<option value=${b.id}>${b.name} (${b.id})</option>`)}
                  </select>
                </label>
                <button type="submit">Grant access</button>
              </form>`}
        </section>

        <section aria-labelledby="grants-heading" class="card">
          <h2 id="grants-heading">Active grants</h2>
          ${this.grants.length === 0
            ? html`<p class="muted">No buyer can see your private products yet.</p>`
            : html`<ul class="rows">
                ${this.grants.map(
                  (g) => html`<li>
                    <span><strong>${this.buyerName(g.buyer_id)}</strong> sees
                      ${g.product_ids.map((id) => this.productName(id)).join(', ')}</span>
                    <button @click=${() => this.act('Access revoked.', () => this.api('DELETE', `/v1/private-grants/${g.id}`))}>
                      Revoke
                    </button>
                  </li>`,
                )}
              </ul>`}
        </section>

        <section aria-labelledby="requests-heading" class="card">
          <h2 id="requests-heading">Access requests</h2>
          ${this.requests.length === 0
            ? html`<p class="muted">No pending requests. Buyers ask from their Private Product Folder.</p>`
            : html`<ul class="rows">
                ${this.requests.map(
                  (r) => html`<li>
                    <span><strong>${r.buyer.name}</strong>: “${r.message}”</span>
                    <span class="actions">
                      <button @click=${() => this.act('Approved: the buyer now sees your private products.', () => this.api('POST', `/v1/access-requests/${r.id}/approve`, {}))}>Approve</button>
                      <button @click=${() => this.act('Declined.', () => this.api('POST', `/v1/access-requests/${r.id}/decline`, {}))}>Decline</button>
                    </span>
                  </li>`,
                )}
              </ul>`}
        </section>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'demo-supplier-center': DemoSupplierCenter;
  }
}
