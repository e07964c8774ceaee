/** The negotiation state machine and the e-PO rule: every legal and illegal transition, and who may make it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  acceptNegotiation,
  allowedNegotiationActions,
  consensus,
  issuePurchaseOrder,
  nextToAct,
  openNegotiation,
  submitOffer,
  withdrawNegotiation,
  type Negotiation,
  type NegotiationAction,
} from '../../server/domain/negotiation.js';
import { refusalStatus, type Party, type Result } from '../../server/domain/refusal.js';
import { AT, deepFreeze, must, terms } from './domain-fixtures.js';

const first = terms();
const counter = terms({ deposit_percent: 50, delivery_date: '2027-01-10' });
const recounter = terms({ deposit_percent: 40 });

/** Every negotiation is built through the transitions and frozen, so a mutating rule would throw. */
const opened = () => deepFreeze(must(openNegotiation('buyer', { terms: first, message: 'Hello', at: AT })));
const countered = () => deepFreeze(must(submitOffer(opened(), 'supplier', { terms: counter, at: AT })));
const acceptedBySupplier = () => deepFreeze(must(acceptNegotiation(opened(), 'supplier', AT)));
const acceptedByBuyer = () => deepFreeze(must(acceptNegotiation(countered(), 'buyer', AT)));
const withdrawn = () => deepFreeze(must(withdrawNegotiation(countered(), 'buyer', AT)));

function refused(result: Result<unknown>, code: string, status: 403 | 409) {
  assert.equal(result.ok, false, `expected refusal ${code}`);
  if (result.ok) return;
  assert.equal(result.code, code);
  assert.equal(refusalStatus(result), status);
  assert.ok(result.message.length > 0);
}

describe('opening a negotiation', () => {
  it('opens with the buyer\'s first offer and waits for the supplier', () => {
    const n = opened();
    assert.equal(n.status, 'open');
    assert.deepEqual(n.offers, [{ seq: 1, by: 'buyer', terms: first, message: 'Hello', at: AT }]);
    assert.equal(nextToAct(n), 'supplier');
    assert.equal(consensus(n), null);
  });

  it('refuses a supplier opening it (403)', () => {
    refused(openNegotiation('supplier', { terms: first, at: AT }), 'wrong_party', 403);
  });
});

describe('offers alternate', () => {
  it('lets the supplier counter, then the buyer, each appended to the history', () => {
    const n = countered();
    assert.deepEqual(n.offers.map((o) => [o.seq, o.by, o.message]), [[1, 'buyer', 'Hello'], [2, 'supplier', null]]);
    assert.equal(nextToAct(n), 'buyer');
    const again = must(submitOffer(n, 'buyer', { terms: recounter, message: 'Meet halfway', at: AT }));
    assert.deepEqual(again.offers.map((o) => o.by), ['buyer', 'supplier', 'buyer']);
    assert.equal(again.offers[2]!.terms, recounter);
    assert.equal(n.offers.length, 2, 'the earlier state is untouched');
  });

  it('refuses an offer by the party who made the latest one (409)', () => {
    refused(submitOffer(opened(), 'buyer', { terms: counter, at: AT }), 'not_your_turn', 409);
    refused(submitOffer(countered(), 'supplier', { terms: recounter, at: AT }), 'not_your_turn', 409);
  });
});

describe('accepting', () => {
  it('lets the supplier accept the buyer\'s first offer, freezing its terms', () => {
    const n = acceptedBySupplier();
    assert.equal(n.status, 'accepted');
    assert.equal(n.accepted_by, 'supplier');
    assert.equal(n.accepted_offer_seq, 1);
    assert.equal(n.closed_at, AT);
    assert.deepEqual(consensus(n), first);
  });

  it('freezes the latest offer, not the first, when the buyer accepts a counter-offer', () => {
    const n = acceptedByBuyer();
    assert.equal(n.accepted_offer_seq, 2);
    assert.deepEqual(consensus(n), counter);
    assert.notDeepEqual(consensus(n), first);
  });

  it('refuses accepting your own latest offer (409)', () => {
    refused(acceptNegotiation(opened(), 'buyer', AT), 'cannot_accept_own_offer', 409);
    refused(acceptNegotiation(countered(), 'supplier', AT), 'cannot_accept_own_offer', 409);
  });
});

describe('nothing happens after acceptance or withdrawal', () => {
  for (const [name, state, code] of [
    ['accepted', acceptedByBuyer, 'already_accepted'],
    ['withdrawn', withdrawn, 'withdrawn'],
  ] as const) {
    it(`refuses offers and acceptance by either party once ${name} (409)`, () => {
      for (const party of ['buyer', 'supplier'] as const) {
        refused(submitOffer(state(), party, { terms: recounter, at: AT }), code, 409);
        refused(acceptNegotiation(state(), party, AT), code, 409);
      }
      refused(withdrawNegotiation(state(), 'buyer', AT), code, 409);
      assert.equal(nextToAct(state()), null);
    });
  }
});

describe('withdrawing', () => {
  it('lets the buyer withdraw while open, on either turn', () => {
    for (const state of [opened, countered]) {
      const n = must(withdrawNegotiation(state(), 'buyer', AT));
      assert.equal(n.status, 'withdrawn');
      assert.equal(consensus(n), null);
    }
  });

  it('refuses the supplier withdrawing (403), even on its turn', () => {
    refused(withdrawNegotiation(opened(), 'supplier', AT), 'wrong_party', 403);
  });
});

describe('allowed actions match the transitions', () => {
  const tryAction = (n: Negotiation, party: Party, action: NegotiationAction) =>
    action === 'offer'
      ? submitOffer(n, party, { terms: recounter, at: AT })
      : action === 'accept'
        ? acceptNegotiation(n, party, AT)
        : withdrawNegotiation(n, party, AT);

  for (const [name, state] of Object.entries({ opened, countered, acceptedBySupplier, acceptedByBuyer, withdrawn })) {
    it(`lists exactly what succeeds when ${name}`, () => {
      for (const party of ['buyer', 'supplier'] as const) {
        const allowed = allowedNegotiationActions(state(), party);
        for (const action of ['offer', 'accept', 'withdraw'] as const) {
          assert.equal(tryAction(state(), party, action).ok, allowed.includes(action), `${party} ${action}`);
        }
      }
    });
  }

  it('offers the buttons you would expect on the supplier\'s turn', () => {
    assert.deepEqual(allowedNegotiationActions(opened(), 'supplier'), ['offer', 'accept']);
    assert.deepEqual(allowedNegotiationActions(opened(), 'buyer'), ['withdraw']);
  });
});

describe('issuing the purchase order', () => {
  it('issues from an accepted negotiation with the consensus terms', () => {
    const po = must(issuePurchaseOrder(acceptedByBuyer(), null, 'buyer', AT));
    assert.deepEqual(po, { status: 'issued', terms: counter, accepted_offer_seq: 2, issued_at: AT });
  });

  it('refuses a PO from an open or withdrawn negotiation (409)', () => {
    refused(issuePurchaseOrder(opened(), null, 'buyer', AT), 'not_accepted', 409);
    refused(issuePurchaseOrder(countered(), null, 'buyer', AT), 'not_accepted', 409);
    refused(issuePurchaseOrder(withdrawn(), null, 'buyer', AT), 'not_accepted', 409);
  });

  it('refuses a second PO from the same negotiation, whatever the first became (409)', () => {
    for (const status of ['issued', 'contract_drafted', 'contract_confirmed'] as const) {
      refused(issuePurchaseOrder(acceptedByBuyer(), { status }, 'buyer', AT), 'already_issued', 409);
    }
  });

  it('refuses the supplier issuing it (403)', () => {
    refused(issuePurchaseOrder(acceptedByBuyer(), null, 'supplier', AT), 'wrong_party', 403);
  });

  it('lists issue_purchase_order exactly when issuing would succeed, once the store says whether a PO exists', () => {
    for (const state of [opened, countered, acceptedBySupplier, acceptedByBuyer, withdrawn]) {
      for (const party of ['buyer', 'supplier'] as const) {
        for (const issued of [false, true]) {
          const allowed = allowedNegotiationActions(state(), party, issued).includes('issue_purchase_order');
          const result = issuePurchaseOrder(state(), issued ? { status: 'issued' } : null, party, AT);
          assert.equal(allowed, result.ok, `${state.name} ${party} issued=${issued}`);
        }
      }
    }
    assert.deepEqual(allowedNegotiationActions(acceptedByBuyer(), 'buyer', false), ['issue_purchase_order']);
    assert.deepEqual(allowedNegotiationActions(acceptedByBuyer(), 'buyer'), [], 'unknown PO state: no button');
  });
});
