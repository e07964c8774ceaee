/**
 * Text no database stores faithfully is refused before it reaches one: NUL (Postgres refuses it in
 * text columns, which was a 500) and unpaired surrogates (pg writes them as U+FFFD, so the stored row
 * would differ from the accepted one). Same answer on SQLite, which would store both.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectProblem } from './app-harness.js';
import { draftedContract, ok, openDeal, type Deal } from './deal-flow.js';

const product = (name: string) => ({ name, description: 'A lamp', category: 'lighting', moq: 10, unit_price: 1250, currency: 'USD' });

describe('NUL and unpaired surrogates are refused with 422 and change nothing', () => {
  let d: Deal;
  before(async () => {
    d = await openDeal();
  });
  after(() => d.t.close());

  const productCount = async () => (await d.t.store.db.selectFrom('products').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  for (const [what, name] of [
    ['a NUL', 'Lamp\u0000 deluxe'],
    ['a lone high surrogate', 'Lamp \ud83d'],
    ['a lone low surrogate', '\ude00 Lamp'],
  ] as const) {
    test(`a body string with ${what}: 422 naming the field, no row`, async () => {
      const before = Number(await productCount());
      const problem = await expectProblem(await d.t.call('POST', '/v1/products', { token: d.led, body: product(name) }), 422, 'validation');
      assert.equal(problem.errors?.[0]?.path, 'name');
      assert.equal(Number(await productCount()), before);
    });
  }

  test('nested fields are checked too: a contract clause with a NUL leaves the draft as it was', async () => {
    const contract = await draftedContract(d);
    const path = `/v1/contracts/${contract.id}`;
    const problem = await expectProblem(
      await d.t.call('PATCH', path, { token: d.led, body: { clauses: [{ title: 'Quality', body: 'Conforms\u0000 to the sample.' }] } }),
      422,
      'validation',
    );
    assert.equal(problem.errors?.[0]?.path, 'clauses.0.body');
    assert.deepEqual((await ok(d.t.call('GET', path, { token: d.led }))).clauses, contract.clauses);
  });

  test('a query parameter with %00: 422, not a failed search', async () => {
    const problem = await expectProblem(await d.t.call('GET', '/v1/products?q=lamp%00', { token: d.acme }), 422, 'validation');
    assert.equal(problem.errors?.[0]?.path, 'q');
  });

  test('a path id with %00: 422 before any lookup, on a signed route and a session route alike', async () => {
    const gateway = await expectProblem(await d.t.call('POST', '/v1/gateways/%00/notifications', { body: {} }), 422, 'validation');
    assert.equal(gateway.errors?.[0]?.path, 'path');
    await expectProblem(await d.t.call('GET', '/v1/orders/ord_%00', { token: d.acme }), 422, 'validation');
  });

  test('paired surrogates (emoji), combining marks and RTL marks are ordinary text: stored as sent', async () => {
    const name = 'Lamp 😀 e\u0301 \u202eAB';
    const created = await ok(d.t.call('POST', '/v1/products', { token: d.led, body: product(name) }), 201);
    assert.equal(created.name, name);
    assert.equal((await ok(d.t.call('GET', `/v1/products/${created.id}`, { token: d.led }))).name, name);
  });
});
