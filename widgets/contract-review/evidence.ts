/**
 * The evidence of a confirmed contract: its SHA-256 digest (copyable), what `verify` says about the
 * digest and the audit chain, and the contract document, downloaded with the session in a header.
 */
import { html, nothing } from 'lit';
import { TaskStatus } from '@lit/task';
import type { K100Element } from '../core/element.js';
import { Loader } from '../core/loader.js';
import { deals, type Contract, type ContractVerification } from '../core/deals/api.js';
import { formatDateTime } from '../core/deals/format.js';

interface Status {
  copied?: 'copied' | 'select' | undefined;
  download?: 'busy' | 'done' | 'failed' | undefined;
}

export class Evidence {
  private copied: Status['copied'];
  private download: Status['download'];
  private readonly verification: Loader<readonly [string], ContractVerification>;

  constructor(
    private readonly host: K100Element,
    /** The id of the confirmed contract shown, if any. */
    confirmedId: () => string | undefined,
  ) {
    this.verification = new Loader(host, (api, [id], signal) => deals(api).verifyContract(id, signal), () => {
      const id = confirmedId();
      return id ? ([id] as const) : false;
    });
  }

  reset(): void {
    this.copied = this.download = undefined;
  }

  refresh(): void {
    this.verification.refresh();
  }

  private set(change: Status) {
    Object.assign(this, change);
    this.host.requestUpdate();
  }

  private handleCopy = async (digest: string) => {
    try {
      await navigator.clipboard.writeText(digest);
      this.set({ copied: 'copied' });
    } catch {
      // No clipboard (insecure page, denied): select the digest so the reader can copy it.
      const code = this.host.renderRoot.querySelector('[part~="digest"]');
      if (code) getSelection()?.selectAllChildren(code);
      this.set({ copied: 'select' });
    }
  };

  private handleDownload = async (contract: Contract) => {
    if (this.download === 'busy') return;
    this.set({ download: 'busy' });
    try {
      const { blob, filename } = await deals(this.host.api).contractDocument(contract.id);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.hidden = true;
      this.host.renderRoot.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.set({ download: 'done' });
    } catch (error) {
      this.set({ download: 'failed' });
      this.host.handleApiError(error);
    }
  };

  private renderVerification() {
    const { host } = this;
    const loader = this.verification;
    const result = loader.value;
    if (loader.status === TaskStatus.ERROR) {
      return html`<p part="verification" class="error" role="status">
        ${host.t('verifyFailedToLoad')}
        <button part="retry-button" class="btn" type="button" @click=${() => loader.refresh()}>${host.t('retry')}</button>
      </p>`;
    }
    if (!result || loader.status === TaskStatus.PENDING) {
      return html`<p part="verification" class="muted" role="status">${host.t('verifying')}</p>`;
    }
    if (result.valid) {
      return html`<p part="verification" class="verified ok" role="status">
        <span aria-hidden="true">✓</span> ${host.t('verifiedText', { count: result.chain.length })}
      </p>`;
    }
    return html`<div part="verification" class="verified bad" role="status">
      <p><span aria-hidden="true">✗</span> ${host.t('notVerified')}</p>
      <ul class="failures">
        ${result.failures.map((f) => html`<li><strong>${f.where}</strong>: ${f.message}</li>`)}
      </ul>
    </div>`;
  }

  render(contract: Contract) {
    const { host } = this;
    if (contract.status !== 'confirmed') return nothing;
    const digest = contract.digest ?? '';
    const when = contract.confirmed_at ? formatDateTime(contract.confirmed_at, host.config.locale) : '';
    return html`<section part="evidence" class="section callout ok" aria-labelledby="evidence-title">
      <h3 id="evidence-title">${host.t('evidenceTitle')}</h3>
      <p>${host.t('confirmedBy', { name: contract.signer_name ?? '', date: when })}</p>
      <p>${host.t('bindingNote')}</p>
      ${contract.order_id ? html`<p>${host.t('orderOpened', { id: contract.order_id })}</p>` : nothing}
      <div class="digest-row">
        <p class="label" id="digest-label">${host.t('digestLabel')}</p>
        <code part="digest" class="mono digest">${digest}</code>
        <div class="row">
          <button part="copy-button" class="btn" type="button" @click=${() => this.handleCopy(digest)}>${host.t('copyDigest')}</button>
          <span class="muted" role="status">${this.copied ? host.t(this.copied === 'copied' ? 'copied' : 'copySelect') : ''}</span>
        </div>
      </div>
      ${this.renderVerification()}
      <div class="row">
        <button part="download-button" class="btn primary" type="button" aria-disabled=${this.download === 'busy' ? 'true' : 'false'} @click=${() => this.handleDownload(contract)}>
          ${this.download === 'busy' ? host.t('downloading') : host.t('downloadDocument')}
        </button>
        <span class=${this.download === 'failed' ? 'error' : 'muted'} role="status">
          ${this.download === 'done' ? host.t('downloaded') : this.download === 'failed' ? host.t('downloadFailed') : ''}
        </span>
      </div>
    </section>`;
  }
}
