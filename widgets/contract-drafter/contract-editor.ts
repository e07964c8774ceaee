/**
 * The editable part of an e-contract: its clauses (add, remove, reorder, edit title and text) and the
 * seller's and buyer's legal entities, validated the way the server validates them.
 */
import { html, nothing } from 'lit';
import type { K100Element } from '../core/element.js';
import type { Clause, Contract, LegalEntities, LegalEntity, PurchaseOrder } from '../core/deals/api.js';
import { describedBy, fieldId, fieldNotes } from '../core/forms/fields.js';
import { defaultClauses } from './default-clauses.js';

interface ClauseDraft {
  key: number;
  title: string;
  body: string;
}
type Side = 'seller' | 'buyer';
type EntityField = 'name' | 'address' | 'registration_no' | 'country';
type EntityDraft = Record<EntityField, string>;

const LIMITS = { title: 200, body: 20_000, name: 200, address: 1000, registration_no: 100 } as const;
const MAX_CLAUSES = 100;
let nextKey = 1;

const entityDraft = (entity: LegalEntity | null | undefined, name = ''): EntityDraft => ({
  name: entity?.name ?? name,
  address: entity?.address ?? '',
  registration_no: entity?.registration_no ?? '',
  country: entity?.country ?? '',
});

export class ContractEditor {
  errors = new Map<string, string>();
  formError = '';
  /** Changed since loaded or last saved. */
  dirty = false;
  private attempted = false;
  readonly clauses: ClauseDraft[];
  readonly entities: Record<Side, EntityDraft>;

  private constructor(
    private readonly host: K100Element,
    /** What the editor was filled from: a contract id and version, or a purchase order id. */
    readonly source: string,
    clauses: readonly Clause[],
    entities: Record<Side, EntityDraft>,
  ) {
    this.clauses = clauses.map((c) => ({ key: nextKey++, title: c.title, body: c.body }));
    this.entities = entities;
  }

  static fromContract(host: K100Element, contract: Contract): ContractEditor {
    const { seller, buyer } = contract.legal_entities;
    return new ContractEditor(host, `${contract.id}@${contract.version}@${contract.updated_at}`, contract.clauses, {
      seller: entityDraft(seller),
      buyer: entityDraft(buyer),
    });
  }

  /** A new draft: the default clauses and each party's registered legal entity, if known. */
  static fromPurchaseOrder(host: K100Element, po: PurchaseOrder): ContractEditor {
    const known = po.legal_entity_defaults;
    return new ContractEditor(host, po.id, defaultClauses(host, po.terms), {
      seller: entityDraft(known.seller, po.supplier.name),
      buyer: entityDraft(known.buyer, po.buyer.name),
    });
  }

  /** The clauses and legal entities as the API wants them, or undefined with `errors` filled in. */
  validate(): { clauses: Clause[]; legal_entities: LegalEntities } | undefined {
    this.attempted = true;
    const errors = new Map<string, string>();
    const t = this.host.t.bind(this.host);
    const check = (name: string, value: string, max: number, required = true) => {
      if (required && !value.trim()) errors.set(name, t('errRequired'));
      else if (value.length > max) errors.set(name, t('errTooLong', { max }));
    };
    if (!this.clauses.length) errors.set('clauses', t('errNoClauses'));
    if (this.clauses.length > MAX_CLAUSES) errors.set('clauses', t('errTooManyClauses', { max: MAX_CLAUSES }));
    this.clauses.forEach((c, i) => {
      check(`clauses.${i}.title`, c.title, LIMITS.title);
      check(`clauses.${i}.body`, c.body, LIMITS.body);
    });
    const legal = {} as LegalEntities;
    for (const side of ['seller', 'buyer'] as const) {
      const e = this.entities[side];
      const prefix = `legal_entities.${side}`;
      check(`${prefix}.name`, e.name, LIMITS.name);
      check(`${prefix}.address`, e.address, LIMITS.address);
      check(`${prefix}.registration_no`, e.registration_no, LIMITS.registration_no, false);
      const country = e.country.trim().toUpperCase();
      if (!/^[A-Z]{2}$/.test(country)) errors.set(`${prefix}.country`, t('errCountry'));
      const registration = e.registration_no.trim();
      legal[side] = {
        name: e.name.trim(),
        address: e.address.trim(),
        country,
        ...(registration ? { registration_no: registration } : {}),
      };
    }
    this.errors = errors;
    this.formError = '';
    if (errors.size) return undefined;
    return { clauses: this.clauses.map((c) => ({ title: c.title.trim(), body: c.body })), legal_entities: legal };
  }

  /** Shows the server's field errors where they belong; the rest above the form. */
  showServerErrors(errors: ReadonlyMap<string, string>): void {
    const mine = new Map<string, string>();
    const other: string[] = [];
    for (const [path, message] of errors) {
      if (/^clauses(\.\d+\.(title|body))?$|^legal_entities\.(seller|buyer)\.\w+$/.test(path)) mine.set(path, message);
      else other.push(path ? `${path}: ${message}` : message);
    }
    this.errors = mine;
    this.formError = other.join(' ');
  }

  private changed() {
    this.dirty = true;
    if (this.attempted) this.validate();
    this.host.requestUpdate();
  }

  private handleInput = (event: Event) => {
    const target = event.target as HTMLInputElement;
    const clause = /^clauses\.(\d+)\.(title|body)$/.exec(target.name);
    const entity = /^legal_entities\.(seller|buyer)\.(\w+)$/.exec(target.name);
    if (clause) {
      const draft = this.clauses[Number(clause[1])];
      if (draft) draft[clause[2] as 'title' | 'body'] = target.value;
    } else if (entity) {
      this.entities[entity[1] as Side][entity[2] as EntityField] = target.value;
    } else return;
    this.changed();
  };

  private async focusClause(key: number, selector: string) {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(`[data-key="${key}"] ${selector}`)?.focus();
  }

  private move(index: number, by: -1 | 1, selector: string) {
    const target = index + by;
    const clause = this.clauses[index];
    if (!clause || target < 0 || target >= this.clauses.length) return;
    this.clauses.splice(index, 1);
    this.clauses.splice(target, 0, clause);
    this.changed();
    // Focus stays on the button pressed, or on the other one once the clause reaches an end.
    const edge = target === 0 || target === this.clauses.length - 1;
    void this.focusClause(clause.key, edge ? `[data-move="${by < 0 ? 'down' : 'up'}"]` : selector);
  }

  private async remove(index: number) {
    const next = this.clauses[index + 1] ?? this.clauses[index - 1];
    this.clauses.splice(index, 1);
    this.changed();
    if (next) await this.focusClause(next.key, 'input');
    else this.host.renderRoot.querySelector<HTMLElement>('[part~="add-clause-button"]')?.focus();
  }

  private add() {
    const clause = { key: nextKey++, title: '', body: '' };
    this.clauses.push(clause);
    this.changed();
    void this.focusClause(clause.key, 'input');
  }

  private field(name: string, label: unknown, value: string, kind: 'input' | 'textarea', extra: { hint?: string; max?: number; required?: boolean } = {}) {
    const id = fieldId(name);
    const error = this.errors.get(name);
    const described = describedBy(id, extra.hint, error);
    const invalid = error ? 'true' : 'false';
    const required = extra.required === false ? 'false' : 'true';
    return html`<div class="field">
      <label class="label" for=${id}>${label}</label>
      ${kind === 'input'
        ? html`<input id=${id} class="control" name=${name} maxlength=${extra.max ?? nothing} aria-required=${required} aria-invalid=${invalid} aria-describedby=${described} .value=${value} />`
        : html`<textarea id=${id} class="control" name=${name} aria-required=${required} aria-invalid=${invalid} aria-describedby=${described} .value=${value}></textarea>`}
      ${fieldNotes(id, extra.hint, error)}
    </div>`;
  }

  private renderClause(clause: ClauseDraft, i: number) {
    const { host } = this;
    const number = i + 1;
    const last = i === this.clauses.length - 1;
    const sr = (key: 'moveUp' | 'moveDown' | 'removeClause') => host.t(key, { number });
    return html`<li part="clause-editor" class="card clause" data-key=${clause.key}>
      <p class="clause-number">${host.t('clauseNumber', { number })}</p>
      ${this.field(`clauses.${i}.title`, host.t('fieldClauseTitle'), clause.title, 'input', { max: LIMITS.title })}
      ${this.field(`clauses.${i}.body`, host.t('fieldClauseBody'), clause.body, 'textarea')}
      <div class="actions">
        <button part="move-button" class="btn" type="button" data-move="up" aria-label=${sr('moveUp')} aria-disabled=${i === 0 ? 'true' : 'false'} @click=${() => this.move(i, -1, '[data-move="up"]')}>↑</button>
        <button part="move-button" class="btn" type="button" data-move="down" aria-label=${sr('moveDown')} aria-disabled=${last ? 'true' : 'false'} @click=${() => this.move(i, 1, '[data-move="down"]')}>↓</button>
        <button part="remove-clause-button" class="btn danger" type="button" aria-label=${sr('removeClause')} @click=${() => this.remove(i)}>${host.t('remove')}</button>
      </div>
    </li>`;
  }

  private renderEntity(side: Side) {
    const { host } = this;
    const e = this.entities[side];
    const name = (field: EntityField) => `legal_entities.${side}.${field}`;
    return html`<fieldset part="entity-editor">
      <legend>${host.t(side === 'seller' ? 'sellerEntity' : 'buyerEntity')}</legend>
      ${this.field(name('name'), host.t('fieldEntityName'), e.name, 'input', { max: LIMITS.name })}
      ${this.field(name('address'), host.t('fieldEntityAddress'), e.address, 'textarea')}
      <div class="grid">
        ${this.field(name('registration_no'), host.t('fieldEntityRegistrationOptional'), e.registration_no, 'input', { max: LIMITS.registration_no, required: false })}
        ${this.field(name('country'), host.t('fieldEntityCountry'), e.country, 'input', { max: 2, hint: host.t('countryHint') })}
      </div>
    </fieldset>`;
  }

  render() {
    const { host } = this;
    const count = this.errors.size;
    const clausesError = this.errors.get('clauses');
    return html`<div part="editor" class="section editor" @input=${this.handleInput}>
      <div role="alert" class="form-alert">
        ${count ? html`<p class="error">${host.t('formInvalid', { count })}</p>` : nothing}
        ${this.formError ? html`<p part="form-error" class="error" data-form-error tabindex="-1">${this.formError}</p>` : nothing}
      </div>
      <section class="section" aria-labelledby="clauses-title">
        <h3 id="clauses-title">${host.t('clausesTitle')}</h3>
        ${clausesError ? html`<p class="field-error error">${clausesError}</p>` : nothing}
        <ol part="clauses" class="list clauses">
          ${this.clauses.map((clause, i) => this.renderClause(clause, i))}
        </ol>
        <div><button part="add-clause-button" class="btn" type="button" @click=${() => this.add()}>${host.t('addClause')}</button></div>
      </section>
      <section class="section" aria-labelledby="parties-title">
        <h3 id="parties-title">${host.t('partiesTitle')}</h3>
        <div class="grid parties">${this.renderEntity('seller')} ${this.renderEntity('buyer')}</div>
      </section>
    </div>`;
  }
}
