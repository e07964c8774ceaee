/** The Idempotency-Key rule of money-moving POSTs: fingerprints, and proceed / replay / conflict / in-progress decisions. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  IDEMPOTENCY_TTL_SECONDS,
  completeIdempotency,
  decideIdempotency,
  requestFingerprint,
  isIdempotencyKey,
  shouldStoreResponse,
  startIdempotency,
  type StoredIdempotency,
} from '../../server/domain/idempotency.js';
import { PAY_REFUSAL_STATUS } from '../../server/domain/pay-refusal.js';

const SEED = Number(process.env.FC_SEED ?? 20_260_105);
const RUNS = 1000;
const params = { seed: SEED, numRuns: RUNS };
const NOW = '2026-01-05T10:00:00.000Z';

describe('idempotency', () => {
  const body = { gateway: 'globalpay_fx', currency: 'CNY' };
  const fp = requestFingerprint('post', '/v1/orders/ord_1/payment-intents', 'buyer_acme', body);

  it('fingerprints the validated request: key order does not matter, anything else does', () => {
    assert.match(fp, /^[0-9a-f]{64}$/);
    assert.equal(requestFingerprint('POST', '/v1/orders/ord_1/payment-intents', 'buyer_acme', { currency: 'CNY', gateway: 'globalpay_fx' }), fp);
    for (const other of [
      requestFingerprint('POST', '/v1/orders/ord_2/payment-intents', 'buyer_acme', body),
      requestFingerprint('POST', '/v1/orders/ord_1/payment-intents', 'buyer_globex', body),
      requestFingerprint('POST', '/v1/orders/ord_1/payment-intents', 'buyer_acme', { ...body, currency: 'HKD' }),
      requestFingerprint('PUT', '/v1/orders/ord_1/payment-intents', 'buyer_acme', body),
    ]) assert.notEqual(other, fp);
  });

  it('takes 1–255 printable ASCII characters as a key', () => {
    assert.deepEqual(['a', 'k'.repeat(255), '550e8400-e29b-41d4-a716-446655440000'].map(isIdempotencyKey), [true, true, true]);
    assert.deepEqual(['', 'k'.repeat(256), 'has space', 'tab\t', 'ключ'].map(isIdempotencyKey), [false, false, false, false, false]);
  });

  it('proceeds, replays, refuses a reused key and reports one in progress', () => {
    const started = startIdempotency(fp, NOW);
    assert.equal(Date.parse(started.expires_at) - Date.parse(NOW), 24 * 3600 * 1000);
    assert.equal(IDEMPOTENCY_TTL_SECONDS, 86_400);
    const done = completeIdempotency(started, { status: 201, body: { id: 'pi_1' } });
    const decide = (s: StoredIdempotency | undefined, f = fp, now = NOW) => {
      const r = decideIdempotency(s, f, now);
      return r.ok ? r.value.decision : r.code;
    };
    assert.equal(decide(undefined), 'proceed');
    assert.deepEqual(decideIdempotency(done, fp, NOW), { ok: true, value: { decision: 'replay', response: { status: 201, body: { id: 'pi_1' } } } });
    assert.equal(decide(started), 'idempotency_in_progress');
    assert.equal(decide(done, 'f'.repeat(64)), 'idempotency_key_reused');
    assert.equal(decide(started, 'f'.repeat(64)), 'idempotency_key_reused');
    assert.equal(decide(done, fp, done.expires_at), 'proceed');
    assert.deepEqual([PAY_REFUSAL_STATUS.idempotency_key_reused, PAY_REFUSAL_STATUS.idempotency_in_progress], [422, 409]);
    assert.deepEqual([200, 201, 204, 302, 409, 422, 500].map(shouldStoreResponse), [true, true, true, false, false, false, false]);
  });

  it(`decides by expiry, then body, then state, for any record (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(
        fc.option(fc.record({ completed: fc.boolean(), sameBody: fc.boolean(), ageMs: fc.integer({ min: 0, max: 3 * 86_400_000 }) }), { freq: 5 }),
        (rec) => {
          const nowMs = Date.parse(NOW);
          const stored = rec && {
            ...startIdempotency(rec.sameBody ? fp : requestFingerprint('POST', '/x', 'p', rec.ageMs), new Date(nowMs - rec.ageMs).toISOString()),
          };
          const s = stored && rec?.completed ? completeIdempotency(stored, { status: 201, body: rec.ageMs }) : stored ?? undefined;
          const r = decideIdempotency(s, fp, NOW);
          const got = r.ok ? r.value.decision : r.code;
          const live = rec !== null && rec.ageMs < IDEMPOTENCY_TTL_SECONDS * 1000;
          const expected = !live ? 'proceed' : !rec.sameBody ? 'idempotency_key_reused' : rec.completed ? 'replay' : 'idempotency_in_progress';
          assert.equal(got, expected);
          if (r.ok && r.value.decision === 'replay') assert.deepEqual(r.value.response, { status: 201, body: rec!.ageMs });
        },
      ),
      params,
    );
  });
});
