/** Full contract verification (chain, anchor, versions, evidence), product checks and snapshots, and refusals as problems. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GENESIS, nextEntry, type AuditEntry } from '../../server/domain/audit-chain.js';
import { confirmContract, draftContract, requestChanges, reviseContract, sendContract, type Contract, type ContractTransition } from '../../server/domain/contract.js';
import { verifyStoredContract } from '../../server/domain/contract-verification.js';
import { snapshotProducts, termsProductErrors, type OrderableProduct } from '../../server/domain/product-snapshots.js';
import { refuse } from '../../server/domain/refusal.js';
import { refusalProblem } from '../../server/http/errors.js';
import { AT, clauses, legalEntities, must, products, purchaseOrder, terms } from './domain-fixtures.js';

/** Runs transitions like the service does, keeping the log and its anchor. */
function history(steps: Array<(c: Contract) => ContractTransition>, first = must(draftContract(purchaseOrder(), 'supplier', { id: 'ctr_1', clauses: clauses(), legal_entities: legalEntities(), at: AT }))) {
  const entries: AuditEntry[] = [];
  const log = (t: ContractTransition, actor: string) =>
    entries.push(nextEntry(entries.at(-1) ?? null, { contract_id: 'ctr_1', event: t.audit.event, actor_id: actor, at: AT, data: t.audit.data }));
  log(first, 'supplier_x');
  let contract = first.contract;
  for (const step of steps) {
    const t = step(contract);
    log(t, t.audit.event === 'changes_requested' || t.audit.event === 'confirmed' ? 'buyer_y' : 'supplier_x');
    contract = t.contract;
  }
  return { contract, entries, anchor: { head_hash: entries.at(-1)!.hash, length: entries.length } };
}

const send = (c: Contract) => must(sendContract(c, 'supplier', AT));
const ask = (c: Contract) => must(requestChanges(c, 'buyer', { comment: 'Earlier, please', at: AT }));
const revise = (c: Contract) => must(reviseContract(c, 'supplier', { terms: terms({ delivery_date: '2026-12-01' }) }, AT));
const confirm = (c: Contract) => must(confirmContract(c, 'buyer', { signer_name: 'Jane Buyer', accept: true, at: AT }));

describe('verifyStoredContract', () => {
  it('is valid for an intact history, before and after confirmation', () => {
    const draft = verifyStoredContract(history([send, ask, revise]));
    assert.equal(draft.valid, true);
    assert.deepEqual(draft.versions.map((v) => [v.version, v.valid]), [[1, true], [2, true]]);
    assert.equal(draft.evidence, null);
    const done = verifyStoredContract(history([send, ask, revise, send, confirm]));
    assert.equal(done.valid, true);
    assert.deepEqual(done.evidence, { valid: true });
    assert.deepEqual(done.failures, []);
  });

  it('names a version whose content no longer matches what the log recorded', () => {
    const stored = history([send, ask, revise]);
    const [v1, v2] = stored.contract.versions;
    const edited = { ...stored, contract: { ...stored.contract, versions: [{ ...v1!, clauses: clauses().slice(1) }, v2!] } };
    const report = verifyStoredContract(edited);
    assert.equal(report.valid, false);
    assert.deepEqual(report.failures.map((f) => [f.check, f.where, f.reason]), [['version', 'version 1', 'content_mismatch']]);
  });

  it('catches evidence rebuilt from rows that drifted, and a log whose anchor does not match', () => {
    const stored = history([send, confirm]);
    const renamed = { ...stored.contract, buyer_id: 'buyer_other' };
    assert.deepEqual(verifyStoredContract({ ...stored, contract: renamed }).failures.map((f) => f.check), ['evidence']);
    assert.deepEqual(verifyStoredContract({ ...stored, anchor: { head_hash: GENESIS, length: 0 } }).failures.map((f) => f.reason), ['anchor_mismatch']);
    const short = verifyStoredContract({ ...stored, entries: stored.entries.slice(0, 2) });
    assert.deepEqual(short.failures.map((f) => f.check), ['anchor', 'digest']);
  });

  it('treats an empty log with a GENESIS anchor as consistent, and unreadable content as tampered', () => {
    const stored = history([]);
    assert.equal(verifyStoredContract({ ...stored, entries: [], anchor: { head_hash: GENESIS, length: 0 } }).anchor.valid, true);
    const broken = { ...stored, contract: { ...stored.contract, versions: [{ ...stored.contract.versions[0]!, products: [] }] } };
    const report = verifyStoredContract(broken);
    assert.deepEqual(report.versions, [{ version: 1, valid: false, recorded: report.versions[0]!.recorded, actual: null }]);
  });
});

describe('products in terms', () => {
  const catalog: OrderableProduct[] = [
    { id: 'prod_a', supplier_id: 'sup_1', name: 'Lamp', unit_price: 1300, currency: 'USD' },
    { id: 'prod_z', supplier_id: 'sup_2', name: 'Towel', unit_price: 100, currency: 'USD' },
  ];

  it('names each item that is invisible or another supplier’s, at its path', () => {
    const items = [{ product_id: 'prod_a' }, { product_id: 'prod_hidden' }, { product_id: 'prod_z' }];
    assert.deepEqual(termsProductErrors(items, 'sup_1', catalog), [
      { path: 'terms.items.1.product_id', message: 'is not a product you can order' },
      { path: 'terms.items.2.product_id', message: 'is not sold by the supplier of this negotiation' },
    ]);
    assert.deepEqual(termsProductErrors(items, 'sup_1', catalog, 'terms.items', new Set(['prod_hidden', 'prod_z'])), [], 'agreed items are not re-checked');
  });

  it('snapshots in item order and keeps names already taken', () => {
    const earlier = products().map((p) => ({ ...p, name: `${p.name} (as agreed)` }));
    const snap = snapshotProducts([{ product_id: 'prod_b' }, { product_id: 'prod_a' }], catalog, earlier.slice(1));
    assert.deepEqual(snap, [earlier[1], { product_id: 'prod_a', name: 'Lamp', list_unit_price: 1300, list_currency: 'USD' }]);
    assert.throws(() => snapshotProducts([{ product_id: 'prod_q' }], catalog), /was not checked/);
  });
});

describe('refusals as problems', () => {
  it('carry the code in the type slug and in `code`, with a field for 422s', () => {
    const conflict = refusalProblem(refuse('not_your_turn', 'Wait.'));
    assert.deepEqual([conflict.status, conflict.type, conflict.code, conflict.errors], [409, 'https://k100widgets.dev/problems/not-your-turn', 'not_your_turn', undefined]);
    const missing = refusalProblem(refuse('signer_name_required', 'Name?'));
    assert.deepEqual([missing.status, missing.errors], [422, [{ path: 'signer_name', message: 'Name?' }]]);
    assert.equal(refusalProblem(refuse('wrong_party', 'No.')).status, 403);
  });
});
