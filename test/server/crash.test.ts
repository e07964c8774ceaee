/**
 * Crashes: the real server is SIGKILLed at random moments while orders go through K100Pay and the
 * warehouse, and during its own start-up (migrations, seeding), then started again on the same database.
 * After every kill: the database is sound (integrity_check), the ledger balances and nothing is
 * half-written; once back, every acknowledged change reads back and contract evidence verifies. At the end
 * the outbox drains and a deduplicating receiver holds every event exactly once and nothing else.
 *
 * K100_CRASH_KILLS (default 50) kills during the flow, K100_CRASH_BOOT_KILLS (default 3) during start-up,
 * K100_CRASH_SEED to replay a run (printed on failure). K100_TEST_DB=postgres runs it on Postgres (the
 * server dies, Postgres survives), minus integrity_check.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { verifySignature } from '../../server/domain/signatures.js';
import { openStore } from '../../server/store/db.js';
import { prng } from '../../server/store/bench-catalog.js';
import { SANDBOX } from '../../server/store/seed.js';
import { checkAcknowledged, checkDatabase } from './crash-checks.js';
import { ConnectionCut, orderSteps, type CallOptions, runStep, type Client, type FlowCounts, type OrderRecord, type Tokens } from './crash-flow.js';
import { crashableServer, type CrashableServer } from './crash-server.js';
import { scratchDatabaseUrl, testDialect } from './harness.js';
import { startReceiver } from './webhook-receiver.js';

const KILLS = Number(process.env.K100_CRASH_KILLS ?? 50);
const BOOT_KILLS = Number(process.env.K100_CRASH_BOOT_KILLS ?? 3);
const SEED = Number(process.env.K100_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Orders in flight at once: enough that kills land inside different paths' transactions. */
const WALKERS = 3;


const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

async function scratchDatabase(): Promise<string> {
  if (testDialect === 'postgres') {
    const db = await scratchDatabaseUrl();
    cleanups.push(db.drop);
    return db.url;
  }
  const dir = mkdtempSync(join(tmpdir(), 'k100-crash-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return `sqlite:${join(dir, 'k100.sqlite')}`;
}

/**
 * Requests pass a gate that the kill schedule closes while the server is down or being checked; the
 * `n`-th request sent (counted over all walkers) arms the next kill.
 */
class Chaos implements Client {
  sent = 0;
  private open: Promise<void> = Promise.resolve();
  private reopen: () => void = () => undefined;
  private armedAt = Infinity;
  private onArmed: () => void = () => undefined;

  constructor(private readonly server: CrashableServer) {}

  /** Resolves once `n` more requests have been sent. */
  armAfter(n: number): Promise<void> {
    this.armedAt = this.sent + n;
    return new Promise((resolve) => (this.onArmed = resolve));
  }

  disarm(): void {
    this.armedAt = Infinity;
  }

  close(): void {
    this.open = new Promise((resolve) => (this.reopen = resolve));
  }

  release(): void {
    this.reopen();
  }

  /** The test's own reads between kills, past the closed gate. */
  readonly direct: Client = { send: (method, path, opts) => this.request(method, path, opts) };

  async send(method: string, path: string, opts: CallOptions) {
    await this.open;
    this.sent++;
    if (this.sent >= this.armedAt) {
      this.armedAt = Infinity;
      this.onArmed();
    }
    return this.request(method, path, opts);
  }

  private async request(method: string, path: string, opts: CallOptions) {
    const headers: Record<string, string> = { ...opts.headers, authorization: `Bearer ${opts.token}` };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    try {
      const res = await fetch(`${this.server.url}${path}`, { method, headers, ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }) });
      const text = await res.text();
      return { status: res.status, text, body: text === '' ? undefined : JSON.parse(text) };
    } catch (error) {
      if (error instanceof SyntaxError) throw error;
      throw new ConnectionCut(`${method} ${path}: ${(error as Error).message}`);
    }
  }
}

async function mint(url: string, party: string): Promise<string> {
  const res = await fetch(`${url}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SANDBOX.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ party_id: party, ttl_seconds: 3600 }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { token: string }).token;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, limitMs = 120_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test(`SIGKILL at random points of payment and warehouse paths (${testDialect}): nothing acknowledged lost, nothing half-written, webhooks once`, { timeout: 30 * 60_000 }, async (t) => {
  const random = prng(SEED);
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const figures = { seed: SEED, bootKills: 0, flowKills: 0, acknowledgedChecks: 0, orders: 0, settled: 0, webhookEvents: 0, webhookHits: 0, duplicateHits: 0 };
  t.after(() => console.log(`[crash] ${JSON.stringify(figures)}`));
  const databaseUrl = await scratchDatabase();
  const receiver = await startReceiver();
  cleanups.push(() => receiver.close());
  // Short worker timing so deliveries a kill abandoned mid-attempt come due again within seconds.
  const server = await crashableServer(databaseUrl, { K100_WEBHOOK_INTERVAL_MS: '100', K100_WEBHOOK_TIMEOUT_MS: '2000', K100_WEBHOOK_LEASE_MS: '3000' });
  cleanups.push(() => server.kill());
  const fail = (error: unknown): never => {
    const message = error instanceof Error ? error.stack ?? error.message : String(error);
    throw new Error(`crash test failed; replay with K100_CRASH_SEED=${SEED}\n${message}\n--- server output (tail) ---\n${server.output().slice(-4_000)}`);
  };

  try {
    // Start-up kills: the first boots of an empty database are all migrations and seeding.
    const bootStarted = Date.now();
    await server.start();
    const bootMs = Date.now() - bootStarted;
    await server.kill();
    await checkDatabase(databaseUrl, undefined);
    for (let i = 0; i < BOOT_KILLS; i++) {
      await server.startAndKillAfter(between(Math.floor(bootMs * 0.3), bootMs));
      figures.bootKills++;
      await checkDatabase(databaseUrl, undefined);
    }
    await server.start();

    const tokens: Tokens = { acme: await mint(server.url, SANDBOX.buyers.acme), led: await mint(server.url, SANDBOX.suppliers.shenzhenLed), operator: await mint(server.url, SANDBOX.operator) };
    const hook = await fetch(`${server.url}/v1/webhook-endpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SANDBOX.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url }),
    });
    assert.equal(hook.status, 201, await hook.clone().text());
    const endpoint = (await hook.json()) as { id: string; secret: string };

    const chaos = new Chaos(server);
    const counts: FlowCounts = { acknowledged: 0, committedUnacknowledged: 0, resent: 0 };
    const records: OrderRecord[] = [];
    let killing = true;
    let walkerError: unknown;

    async function walker(n: number): Promise<void> {
      for (let i = 0; killing; i++) {
        const o: OrderRecord = { marker: `crash-${SEED}-${n}-${i}`, depositPercent: [0, 30, 40, 100][between(0, 3)]!, codes: new Set() };
        records.push(o);
        for (const step of orderSteps(chaos, tokens, o)) await runStep(chaos, step, counts);
      }
    }
    const walkers = Array.from({ length: WALKERS }, (_, n) =>
      walker(n).catch((error: unknown) => {
        walkerError ??= error;
        killing = false;
        chaos.disarm();
      }),
    );

    for (let k = 0; k < KILLS && walkerError === undefined; k++) {
      await Promise.race([chaos.armAfter(between(1, 12)), Promise.all(walkers)]);
      if (walkerError !== undefined) break;
      chaos.close();
      // 0 ms kills while the request is being parsed; a few ms lands inside its transaction or after its commit.
      await new Promise((resolve) => setTimeout(resolve, between(0, 25)));
      await server.kill();
      figures.flowKills++;
      await checkDatabase(databaseUrl, endpoint.id);
      await server.start();
      figures.acknowledgedChecks += await checkAcknowledged(chaos.direct, tokens, records);
      chaos.release();
    }
    killing = false;
    chaos.release();
    await Promise.all(walkers);
    if (walkerError !== undefined) throw walkerError;

    // One last kill with everything finished, so the final state too has survived a crash.
    await server.kill();
    await checkDatabase(databaseUrl, endpoint.id);
    await server.start();
    figures.acknowledgedChecks += await checkAcknowledged(chaos.direct, tokens, records);
    figures.orders = records.filter((o) => o.orderId).length;
    figures.settled = records.filter((o) => o.codes.has('settled')).length;
    assert.ok(figures.settled >= 1, 'at least one order went all the way to settlement');

    // The outbox drains: every delivery delivered (none dead), read from the database beside the live server.
    const store = openStore(databaseUrl);
    try {
      await waitFor('the outbox to drain', async () => {
        const pending = await store.db.selectFrom('webhook_deliveries').select('id').where('delivered_at', 'is', null).execute();
        return pending.length === 0 ? true : undefined;
      });
      const events = await store.db.selectFrom('webhook_events').select(['id', 'type']).execute();
      const received = new Map<string, number>();
      for (const hit of receiver.hits) {
        const id = String(hit.headers['k100-event-id']);
        const signature = verifySignature({ header: hit.headers['k100-signature'] as string, rawBody: hit.rawBody, secrets: endpoint.secret, now: Math.floor(Date.now() / 1000) });
        assert.ok(signature.ok, `delivery of ${id} is signed with the endpoint's secret`);
        assert.equal((JSON.parse(hit.rawBody) as { id: string }).id, id, 'the body carries the event id of its header');
        received.set(id, (received.get(id) ?? 0) + 1);
      }
      // After deduplication on the event id: exactly the committed events, so none reports a rolled-back change.
      assert.deepEqual([...received.keys()].sort(), events.map((e) => e.id).sort(), 'the receiver holds every committed event, and only those');
      figures.webhookEvents = events.length;
      figures.webhookHits = receiver.hits.length;
      figures.duplicateHits = receiver.hits.length - received.size;
    } finally {
      await store.close();
    }
    console.log(`[crash] ${JSON.stringify({ ...counts, sent: chaos.sent })}`);
  } catch (error) {
    fail(error);
  }
});
