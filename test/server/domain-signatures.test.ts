/** Signed gateway notifications and partner webhooks: known answers, tampering, staleness, rotation and malformed headers. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SIGNATURE_TOLERANCE_SECONDS, signPayload, verifySignature, type SignatureCheck } from '../../server/domain/signatures.js';

const SEED = Number(process.env.FC_SEED ?? 20_260_105);
const RUNS = 1000;
const params = { seed: SEED, numRuns: RUNS };

const SECRET = 'whsec_test_k100';
const ROTATED = 'whsec_rotated_k100';
const T = 1_767_571_200;
const BODY = '{"id":"evt_1","reference":"K100-0000-0000-0000-0","amount":907487,"currency":"CNY"}';
// Computed outside this code base: printf '%s' "$T.$BODY" | openssl dgst -sha256 -hmac "$SECRET"
const KAT = 'f5b0a1fcc876c2ea04a76c8650010bd448dd2560d3096e860f59d727b3cdbfb9';
const KAT_ROTATED = 'b878acd00864c325007edddb21a1b4d8accec48e8f8d83f834341392c79381a5';

const verify = (header: string | null | undefined, over: Partial<Parameters<typeof verifySignature>[0]> = {}): SignatureCheck =>
  verifySignature({ header, rawBody: BODY, secrets: SECRET, now: T, ...over });
const reason = (c: SignatureCheck) => (c.ok ? 'ok' : c.reason);

describe('signatures: known answers', () => {
  it('signs exactly as openssl does, one v1 per secret', () => {
    assert.equal(signPayload(SECRET, BODY, T), `t=${T},v1=${KAT}`);
    assert.equal(signPayload([SECRET, ROTATED], BODY, T), `t=${T},v1=${KAT},v1=${KAT_ROTATED}`);
    assert.equal(signPayload(SECRET, new TextEncoder().encode(BODY), T), `t=${T},v1=${KAT}`);
  });

  it('accepts the known header, with spaces, extra schemes and either secret during a rotation', () => {
    assert.deepEqual(verify(`t=${T},v1=${KAT}`), { ok: true, timestamp: T });
    assert.equal(reason(verify(` t=${T} , v0=whatever , v1=${KAT} `)), 'ok');
    assert.equal(reason(verify(`t=${T},v1=${KAT_ROTATED}`, { secrets: [SECRET, ROTATED] })), 'ok');
    assert.equal(reason(verify(`t=${T},v1=${'0'.repeat(64)},v1=${KAT}`)), 'ok');
    assert.equal(reason(verify(`t=${T},v1=${KAT_ROTATED}`)), 'bad_signature');
  });

  it('types every failure', () => {
    const cases: [string | null | undefined, string][] = [
      [undefined, 'missing_header'],
      [null, 'missing_header'],
      ['  ', 'missing_header'],
      [`v1=${KAT}`, 'malformed'],
      [`t=${T}`, 'malformed'],
      [`t=${T},v1=${KAT.toUpperCase()}`, 'malformed'],
      [`t=${T},v1=${KAT.slice(1)}`, 'malformed'],
      [`t=${T},t=${T},v1=${KAT}`, 'malformed'],
      [`t=-${T},v1=${KAT}`, 'malformed'],
      [`t=${T}.5,v1=${KAT}`, 'malformed'],
      [`t=${T},${KAT}`, 'malformed'],
      [`t=${T},${Array.from({ length: 9 }, () => `v1=${KAT}`).join(',')}`, 'malformed'],
      [`t=${T + 1},v1=${KAT}`, 'bad_signature'],
    ];
    for (const [header, expected] of cases) assert.equal(reason(verify(header)), expected, String(header));
    assert.throws(() => verify(`t=${T},v1=${KAT}`, { secrets: '' }), RangeError);
    assert.throws(() => verify(`t=${T},v1=${KAT}`, { secrets: [] }), RangeError);
    assert.throws(() => verify(`t=${T},v1=${KAT}`, { now: T * 1000 }), /seconds/);
  });

  it('allows 5 minutes either way and no more; a forgery is bad_signature whatever its time', () => {
    const header = `t=${T},v1=${KAT}`;
    assert.equal(SIGNATURE_TOLERANCE_SECONDS, 300);
    assert.deepEqual([T - 300, T + 300, T - 301, T + 301].map((now) => reason(verify(header, { now }))), ['ok', 'ok', 'stale', 'stale']);
    assert.equal(reason(verify(`t=${T - 10_000},v1=${'a'.repeat(64)}`)), 'bad_signature');
  });
});

describe('signatures: properties', () => {
  const secretArb = fc.string({ minLength: 1, maxLength: 64 });
  const bodyArb = fc.uint8Array({ minLength: 0, maxLength: 512 });
  const timeArb = fc.integer({ min: 1_000_000_000, max: 4_000_000_000 });

  it(`a signed message verifies within the tolerance and is stale beyond it (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(secretArb, bodyArb, timeArb, fc.integer({ min: -1000, max: 1000 }), (secret, body, t, skew) => {
        const check = verifySignature({ header: signPayload(secret, body, t), rawBody: body, secrets: secret, now: t + skew });
        assert.deepEqual(check, Math.abs(skew) <= 300 ? { ok: true, timestamp: t } : { ok: false, reason: 'stale' });
      }),
      params,
    );
  });

  it(`any flipped body byte, signature digit, timestamp or secret is refused (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(
        secretArb,
        bodyArb.filter((b) => b.length > 0),
        timeArb,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        fc.integer({ min: 1, max: 15 }),
        (secret, body, t, at, mask, digitShift) => {
          const header = signPayload(secret, body, t);
          const base = { rawBody: body, secrets: secret, now: t };
          const flipped = Uint8Array.from(body);
          flipped[at % body.length]! ^= mask;
          assert.equal(reason(verifySignature({ ...base, header, rawBody: flipped })), 'bad_signature');
          // Change one hex digit of the signature to another lowercase hex digit (so the header stays well-formed).
          const sig = header.slice(header.indexOf('v1=') + 3);
          const i = at % 64;
          const digit = ((parseInt(sig[i]!, 16) + digitShift) % 16).toString(16);
          const forged = `t=${t},v1=${sig.slice(0, i)}${digit}${sig.slice(i + 1)}`;
          assert.equal(reason(verifySignature({ ...base, header: forged })), 'bad_signature');
          // Moving the timestamp invalidates the signature (it is signed), even by one second.
          assert.equal(reason(verifySignature({ ...base, header: header.replace(`t=${t}`, `t=${t + 1}`), now: t + 1 })), 'bad_signature');
          assert.equal(reason(verifySignature({ ...base, header, secrets: `${secret}x` })), 'bad_signature');
        },
      ),
      params,
    );
  });

  it(`during rotation a header signed with old and new secrets verifies with either, alone or together (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(secretArb, secretArb, bodyArb, timeArb, (oldSecret, newSecret, body, t) => {
        const header = signPayload([oldSecret, newSecret], body, t);
        for (const secrets of [[oldSecret], [newSecret], [newSecret, oldSecret]]) {
          assert.equal(reason(verifySignature({ header, rawBody: body, secrets, now: t })), 'ok');
        }
      }),
      params,
    );
  });
});
