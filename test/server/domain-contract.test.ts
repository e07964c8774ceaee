/** The contract lifecycle, versions and differences, canonical JSON and the evidence digest. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  allowedContractActions,
  canonicalContract,
  canonicalJson,
  confirmContract,
  contractDigest,
  contractEvidence,
  contractVersionDiffs,
  currentVersion,
  draftContract,
  requestChanges,
  reviseContract,
  sendContract,
  type Contract,
  type ContractAction,
} from '../../server/domain/contract.js';
import { refusalStatus, type Party, type Result } from '../../server/domain/refusal.js';
import {
  AT,
  changesRequested,
  clauses,
  confirmed,
  draft,
  legalEntities,
  must,
  products,
  purchaseOrder,
  revised,
  sent,
  terms,
} from './domain-fixtures.js';

const LATER = '2026-11-28T09:30:00.000Z';
const confirmInput = { signer_name: 'Jane Buyer', accept: true, at: LATER };

function refused(result: Result<unknown>, code: string, status: 403 | 409 | 422) {
  assert.equal(result.ok, false, `expected refusal ${code}`);
  if (result.ok) return;
  assert.equal(result.code, code);
  assert.equal(refusalStatus(result), status);
}

/** Each action with a valid body, so only state and party decide the outcome. */
const attempt = (contract: Contract, party: Party, action: ContractAction) => {
  switch (action) {
    case 'revise':
      return reviseContract(contract, party, { clauses: clauses().slice(0, 2) }, LATER);
    case 'send':
      return sendContract(contract, party, LATER);
    case 'request_changes':
      return requestChanges(contract, party, { comment: 'Please change.', at: LATER });
    case 'confirm':
      return confirmContract(contract, party, confirmInput);
  }
};
const ACTIONS = ['revise', 'send', 'request_changes', 'confirm'] as const;

describe('drafting', () => {
  it('lets the supplier draft version 1 from the PO consensus and moves the PO on', () => {
    const t = must(draftContract(purchaseOrder(), 'supplier', { id: 'ctr_1', clauses: clauses(), legal_entities: legalEntities(), at: AT }));
    assert.equal(t.contract.status, 'draft');
    assert.deepEqual(t.contract.agreed_terms, terms());
    assert.deepEqual(currentVersion(t.contract), {
      version: 1, terms: terms(), clauses: clauses(), legal_entities: legalEntities(), products: products(), created_at: AT, updated_at: AT, sent_at: null,
    });
    assert.equal(t.audit.event, 'drafted');
    assert.equal(t.purchase_order_status, 'contract_drafted');
  });

  it('refuses the buyer drafting (403) and a second contract for the PO (409)', () => {
    const input = { id: 'ctr_2', clauses: clauses(), legal_entities: legalEntities(), at: AT };
    refused(draftContract(purchaseOrder(), 'buyer', input), 'wrong_party', 403);
    refused(draftContract(purchaseOrder({ status: 'contract_drafted' }), 'supplier', input), 'contract_exists', 409);
    refused(draftContract(purchaseOrder({ status: 'contract_confirmed' }), 'supplier', input), 'contract_exists', 409);
  });
});

describe('every transition from every status', () => {
  // status → party → the action that succeeds, or the refusal code every other attempt gets.
  const expected: Record<string, Record<Party, Record<ContractAction, string>>> = {
    draft: {
      supplier: { revise: 'draft', send: 'sent', request_changes: 'wrong_party', confirm: 'wrong_party' },
      buyer: { revise: 'wrong_party', send: 'wrong_party', request_changes: 'not_sent', confirm: 'not_sent' },
    },
    sent: {
      supplier: { revise: 'not_editable', send: 'not_draft', request_changes: 'wrong_party', confirm: 'wrong_party' },
      buyer: { revise: 'wrong_party', send: 'wrong_party', request_changes: 'changes_requested', confirm: 'confirmed' },
    },
    changes_requested: {
      supplier: { revise: 'draft', send: 'not_draft', request_changes: 'wrong_party', confirm: 'wrong_party' },
      buyer: { revise: 'wrong_party', send: 'wrong_party', request_changes: 'not_sent', confirm: 'not_sent' },
    },
    confirmed: {
      supplier: { revise: 'contract_confirmed', send: 'contract_confirmed', request_changes: 'wrong_party', confirm: 'wrong_party' },
      buyer: { revise: 'wrong_party', send: 'wrong_party', request_changes: 'contract_confirmed', confirm: 'contract_confirmed' },
    },
  };
  const states = { draft, sent, changes_requested: changesRequested, confirmed };

  for (const [status, make] of Object.entries(states)) {
    it(`${status}: each party and action gives the expected status or refusal, and allowed actions agree`, () => {
      const contract = make();
      assert.equal(contract.status, status);
      for (const party of ['supplier', 'buyer'] as const) {
        const allowed = allowedContractActions(contract, party);
        for (const action of ACTIONS) {
          const result = attempt(contract, party, action);
          const want = expected[status]![party][action];
          if (result.ok) assert.equal(result.value.contract.status, want, `${party} ${action}`);
          else assert.equal(result.code, want, `${party} ${action}`);
          assert.equal(allowed.includes(action), result.ok, `allowed ${party} ${action}`);
        }
      }
    });
  }

  it('maps refusals to 403 for the wrong party and 409 for the wrong moment', () => {
    refused(sendContract(draft(), 'buyer', AT), 'wrong_party', 403);
    refused(sendContract(sent(), 'supplier', AT), 'not_draft', 409);
    refused(reviseContract(confirmed(), 'supplier', { clauses: clauses() }, AT), 'contract_confirmed', 409);
  });
});

describe('versions', () => {
  it('edits an unsent draft in place and logs each edit', () => {
    const t = must(reviseContract(draft(), 'supplier', { clauses: clauses().slice(0, 1) }, LATER));
    assert.equal(t.contract.versions.length, 1);
    assert.equal(currentVersion(t.contract).version, 1);
    assert.equal(currentVersion(t.contract).clauses.length, 1);
    assert.equal(currentVersion(t.contract).updated_at, LATER);
    assert.equal(t.audit.event, 'revised');
  });

  it('starts a new version with the first edit after changes were requested and keeps the sent one', () => {
    const c = revised();
    assert.equal(c.status, 'draft');
    assert.deepEqual(c.versions.map((v) => [v.version, v.sent_at]), [[1, AT], [2, null]]);
    assert.equal(c.versions[0]!.terms.delivery_date, '2026-12-15', 'version 1 stays as the buyer saw it');
    assert.equal(c.versions[1]!.terms.delivery_date, '2026-12-08');
    assert.deepEqual(c.change_requests, [{ version: 1, comment: 'Deliver one week earlier.', at: AT }]);
    const again = must(reviseContract(c, 'supplier', { clauses: clauses().slice(0, 2) }, LATER)).contract;
    assert.equal(again.versions.length, 2, 'a second edit of the unsent version 2 does not add version 3');
    const resent = must(sendContract(again, 'supplier', LATER)).contract;
    assert.equal(resent.status, 'sent');
    assert.equal(currentVersion(resent).sent_at, LATER);
  });

  it('refuses a blank change request (422)', () => {
    refused(requestChanges(sent(), 'buyer', { comment: '   ', at: AT }), 'comment_required', 422);
  });

  it('shows differences from the agreed terms and from the previous version', () => {
    const c = revised();
    const entities = legalEntities();
    entities.seller = { ...entities.seller, address: 'Building 2, 1 Keji Rd' };
    const edited = clauses();
    edited[1] = { ...edited[1]!, body: 'Pallets.' };
    const v3 = { ...currentVersion(c), terms: terms({ delivery_date: '2026-12-08', deposit_percent: 20 }), clauses: edited, legal_entities: entities };
    const diffs = contractVersionDiffs(c.agreed_terms, v3, currentVersion(c));
    assert.deepEqual(diffs.from_agreed_terms.map((d) => d.path), ['delivery_date', 'deposit_percent']);
    assert.deepEqual(diffs.from_previous_version.map((d) => [d.path, d.before, d.after]), [
      ['deposit_percent', 30, 20],
      ['clauses[1].body', 'Export cartons, barcode on each carton.', 'Pallets.'],
      ['legal_entities.seller.address', '1 Keji Rd, Nanshan, Shenzhen', 'Building 2, 1 Keji Rd'],
    ]);
    assert.deepEqual(contractVersionDiffs(c.agreed_terms, c.versions[0]!), { from_agreed_terms: [], from_previous_version: [] });
  });
});

describe('confirmation', () => {
  it('needs accept to be literally true and a signer name (422)', () => {
    for (const accept of ['true', 1, false, undefined, null, {}]) {
      refused(confirmContract(sent(), 'buyer', { ...confirmInput, accept }), 'acceptance_required', 422);
    }
    refused(confirmContract(sent(), 'buyer', { ...confirmInput, signer_name: ' \t ' }), 'signer_name_required', 422);
  });

  it('stores the canonical JSON and its SHA-256 and records the digest in the audit event', () => {
    const t = must(confirmContract(sent(), 'buyer', { ...confirmInput, signer_name: '  Jane Buyer ' }));
    const { confirmation } = t.contract;
    assert.ok(confirmation);
    assert.equal(confirmation.signer_name, 'Jane Buyer');
    assert.equal(confirmation.digest, createHash('sha256').update(confirmation.canonical_json).digest('hex'));
    assert.deepEqual(t.audit, { event: 'confirmed', data: { version: 1, signer_name: 'Jane Buyer', digest: confirmation.digest } });
    assert.equal(t.purchase_order_status, 'contract_confirmed');
  });

  it('is immutable: every attempt by either party is refused and the contract object is unchanged', () => {
    const c = confirmed();
    const before = JSON.stringify(c);
    for (const party of ['supplier', 'buyer'] as const) {
      for (const action of ACTIONS) assert.equal(attempt(c, party, action).ok, false, `${party} ${action}`);
    }
    assert.equal(JSON.stringify(c), before);
  });
});

describe('canonicalJson', () => {
  it('sorts keys recursively, keeps array order and writes no whitespace', () => {
    assert.equal(canonicalJson({ b: [3, 1, { z: null, a: true }], a: { d: 'x', c: -0.5 } }), '{"a":{"c":-0.5,"d":"x"},"b":[3,1,{"a":true,"z":null}]}');
    assert.equal(canonicalJson({ b: 1, a: { y: 2, x: 1 } }), canonicalJson({ a: { x: 1, y: 2 }, b: 1 }));
    assert.equal(canonicalJson([]), '[]');
    assert.equal(canonicalJson({}), '{}');
  });

  it('sorts keys by UTF-16 code units as RFC 8785 does (the RFC\'s own example)', () => {
    const value = { '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\ud83d\ude00': 5, '\u0080': 6, '\u00f6': 7 };
    assert.equal(canonicalJson(value), '{"\\r":2,"1":4,"\u0080":6,"\u00f6":7,"\u20ac":1,"\ud83d\ude00":5,"\ufb33":3}');
  });

  it('writes unicode literally and escapes only what JSON requires', () => {
    assert.equal(canonicalJson({ s: 'Grüße 你好 😀 "q" \\ \n \u001f' }), '{"s":"Grüße 你好 😀 \\"q\\" \\\\ \\n \\u001f"}');
  });

  it('refuses what JSON cannot carry faithfully instead of dropping it', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const [i, bad] of [
      { a: undefined }, [undefined], { n: NaN }, { n: Infinity }, { n: 1n }, { d: new Date(0) },
      { f: () => 1 }, { s: '\ud800' }, { ['\udfff']: 1 }, cyclic, [1, , 3], new Map(),
    ].entries()) {
      assert.throws(() => canonicalJson(bad), { name: 'TypeError', message: /^canonicalJson: / }, `case ${i}`);
    }
    const shared = { x: 1 };
    assert.equal(canonicalJson({ a: shared, b: shared }), '{"a":{"x":1},"b":{"x":1}}');
  });
});

describe('digest and evidence', () => {
  it('is the lowercase hex SHA-256 of the UTF-8 text (known answers)', () => {
    assert.equal(contractDigest('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const literal = '{"a":"x","b":[1,2],"é":"ü"}';
    assert.equal(canonicalJson({ 'é': 'ü', b: [1, 2], a: 'x' }), literal);
    assert.equal(contractDigest(literal), createHash('sha256').update(Buffer.from(literal, 'utf8')).digest('hex'));
  });

  it('names exactly the evidence fields, with totals computed by the server', () => {
    const doc = canonicalContract(sent(), { signer_name: 'Jane Buyer', confirmed_at: LATER });
    assert.deepEqual(Object.keys(doc).sort(), [
      'agreements', 'clauses', 'confirmed_at', 'format', 'id', 'legal_entities', 'negotiation_id', 'parties',
      'products', 'purchase_order_id', 'signer_name', 'terms', 'version',
    ]);
    assert.deepEqual(doc.products, [
      { product_id: 'prod_a', name: 'COB LED strip 24 V, 5 m' },
      { product_id: 'prod_b', name: 'Aluminium profile <1 m>' },
    ], 'names in item order; the listed price is reference, not evidence');
    assert.deepEqual(doc.parties, { buyer_id: 'buyer_acme', supplier_id: 'supplier_shenzhen_led' });
    assert.deepEqual(doc.terms.totals, { subtotal: 125_297, deposit_amount: 37_589, balance_amount: 87_708 });
    assert.equal(doc.agreements.expert_advisor_sts_fulfilment, true);
    assert.equal(doc.agreements.k100pay_payment_and_settlement, true);
    assert.match(doc.agreements.statement, /Expert Advisor \(STS\).*K100Pay/s);
  });

  it('keeps stray row fields and undefined optionals out, and does not depend on key order', () => {
    const c = sent();
    const v = currentVersion(c);
    const messy: Contract = {
      ...c,
      versions: [{
        ...v,
        terms: { notes: undefined, ...v.terms, secret: 'x' } as never,
        clauses: v.clauses.map((cl) => ({ body: cl.body, title: cl.title, extra: 1 }) as never),
        legal_entities: { buyer: { ...v.legal_entities.buyer, registration_no: undefined }, seller: v.legal_entities.seller },
      }],
    };
    const sig = { signer_name: 'Jane Buyer', confirmed_at: LATER };
    assert.deepEqual(contractEvidence(messy, sig), contractEvidence(c, sig));
    assert.doesNotMatch(contractEvidence(messy, sig).canonical_json, /secret|extra/);
  });

  it('changes when any evidence field changes', () => {
    const sig = { signer_name: 'Jane Buyer', confirmed_at: LATER };
    const base = contractEvidence(sent(), sig).digest;
    assert.notEqual(contractEvidence(sent(), { ...sig, signer_name: 'Jane Buyer.' }).digest, base);
    assert.notEqual(contractEvidence(sent(), { ...sig, confirmed_at: AT }).digest, base);
    assert.notEqual(contractEvidence({ ...sent(), purchase_order_id: 'po_2' }, sig).digest, base);
    const v = currentVersion(sent());
    const cheaper = { ...sent(), versions: [{ ...v, terms: terms({ items: [{ product_id: 'prod_a', quantity: 100, unit_price: 1249 }] }) }] };
    assert.notEqual(contractEvidence(cheaper, sig).digest, base);
    const renamed = products().map((p) => (p.product_id === 'prod_b' ? { ...p, name: 'Steel profile' } : p));
    assert.notEqual(contractEvidence({ ...sent(), versions: [{ ...v, products: renamed }] }, sig).digest, base);
  });

  it('refuses to build evidence for a line item without a product snapshot', () => {
    const v = currentVersion(sent());
    const missing = { ...sent(), versions: [{ ...v, products: products().slice(0, 1) }] };
    assert.throws(() => contractEvidence(missing, { signer_name: 'Jane Buyer', confirmed_at: LATER }), /no product snapshot for prod_b/);
  });
});
