/** Verification over HTTP against the real database: tampering with stored rows is detected, and the log is append-only. */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { nextEntry, type AuditEntry } from '../../server/domain/audit-chain.js';
import type { Store } from '../../server/store/db.js';
import { listAuditEntries } from '../../server/store/audit-log.js';
import {
  changesRequestedContract,
  clauses,
  confirmedContract,
  draftedContract,
  ok,
  openDeal,
  type Deal,
} from './deal-flow.js';

let d: Deal;
beforeEach(async () => {
  await d?.t.close();
  d = await openDeal();
});
after(() => d.t.close());

interface Report {
  valid: boolean;
  digest: { valid: boolean; expected: string | null; actual: string | null; recorded_in_chain: string | null } | null;
  chain: { valid: boolean; length: number; broken_at_seq?: number; reason?: string };
  anchor: { valid: boolean; length: number; head_hash: string };
  versions: Array<{ version: number; valid: boolean }>;
  evidence: { valid: boolean } | null;
  failures: Array<{ check: string; where: string; reason: string; message: string }>;
}

const verify = (id: string, token = d.acme) => ok<Report>(d.t.call('GET', `/v1/contracts/${id}/verify`, { token }));
const failed = (report: Report) => report.failures.map((f) => [f.check, f.where, f.reason]);

/** Test-only: lifts the append-only triggers so a test can play an attacker with database access. */
async function dropAppendOnly(store: Store, table = 'contract_audit_log'): Promise<void> {
  const names = store.dialect === 'postgres' ? [`${table}_append_only ON ${table}`] : [`${table}_no_update`, `${table}_no_delete`];
  for (const name of names) await sql.raw(`DROP TRIGGER ${name}`).execute(store.db);
}

async function versionContent(id: string, version = 1): Promise<string> {
  const row = await d.t.store.db.selectFrom('contract_versions').select('content').where('contract_id', '=', id).where('version', '=', version).executeTakeFirstOrThrow();
  return row.content;
}

describe('verify on intact contracts', () => {
  test('before confirmation: the chain and each version, no digest yet', async () => {
    const draft = await draftedContract(d);
    const first = await verify(draft.id, d.led);
    assert.equal(first.valid, true);
    assert.equal(first.digest, null);
    assert.equal(first.evidence, null);
    assert.deepEqual(first.chain, { valid: true, length: 1 });
    assert.deepEqual([first.anchor.valid, first.anchor.length], [true, 1]);
    assert.deepEqual(first.versions.map((v) => [v.version, v.valid]), [[1, true]]);

    const c = await changesRequestedContract(d);
    await ok(d.t.call('PATCH', `/v1/contracts/${c.id}`, { token: d.led, body: { clauses: clauses().slice(0, 1) } }));
    const revised = await verify(c.id);
    assert.equal(revised.valid, true);
    assert.equal(revised.chain.length, 4);
    assert.deepEqual(revised.versions.map((v) => [v.version, v.valid]), [[1, true], [2, true]]);
    const log = await listAuditEntries(d.t.store, c.id);
    assert.deepEqual(log.map((e) => [e.seq, e.event, e.actor_id]), [
      [1, 'drafted', 'supplier_shenzhen_led'], [2, 'sent', 'supplier_shenzhen_led'], [3, 'changes_requested', 'buyer_acme'], [4, 'revised', 'supplier_shenzhen_led'],
    ]);
  });

  test('after confirmation: digest, chain, anchor, versions and evidence all agree', async () => {
    const c = await confirmedContract(d);
    const report = await verify(c.id, d.led);
    assert.equal(report.valid, true);
    assert.deepEqual(report.digest, { valid: true, expected: c.digest, actual: c.digest, recorded_in_chain: c.digest });
    assert.deepEqual(report.evidence, { valid: true });
    assert.deepEqual(report.failures, []);
  });
});

describe('tampering with stored rows is detected', () => {
  test('a confirmed version’s clause text changed in the database', async () => {
    const c = await confirmedContract(d);
    const content = await versionContent(c.id);
    await d.t.store.db
      .updateTable('contract_versions')
      .set({ content: content.replace('Goods conform to the approved sample.', 'Goods may differ from the sample.') })
      .where('contract_id', '=', c.id)
      .execute();
    const report = await verify(c.id);
    assert.equal(report.valid, false);
    assert.deepEqual(failed(report), [['version', 'version 1', 'content_mismatch'], ['evidence', 'canonical_json', 'evidence_mismatch']]);
    assert.equal(report.chain.valid, true);
    assert.equal(report.digest?.valid, true, 'the stored evidence itself is intact; the rows drifted from it');
  });

  test('a sent, unconfirmed version changed behind the buyer’s back', async () => {
    const c = await changesRequestedContract(d);
    const content = JSON.parse(await versionContent(c.id));
    content.terms.items[0].unit_price += 1;
    await d.t.store.db.updateTable('contract_versions').set({ content: JSON.stringify(content) }).where('contract_id', '=', c.id).execute();
    const report = await verify(c.id);
    assert.equal(report.valid, false);
    assert.deepEqual(failed(report), [['version', 'version 1', 'content_mismatch']]);
  });

  test('the stored canonical JSON changed', async () => {
    const c = await confirmedContract(d);
    const row = await d.t.store.db.selectFrom('contracts').select('canonical_json').where('id', '=', c.id).executeTakeFirstOrThrow();
    await d.t.store.db
      .updateTable('contracts')
      .set({ canonical_json: row.canonical_json!.replace('"Jane Buyer"', '"John Doe"') })
      .where('id', '=', c.id)
      .execute();
    const report = await verify(c.id);
    assert.equal(report.valid, false);
    assert.deepEqual(failed(report), [['digest', 'digest', 'digest_mismatch'], ['evidence', 'canonical_json', 'evidence_mismatch']]);
    assert.notEqual(report.digest?.actual, report.digest?.expected);
  });

  test('an audit row edited with the trigger dropped', async () => {
    const c = await confirmedContract(d);
    await dropAppendOnly(d.t.store);
    await d.t.store.db
      .updateTable('contract_audit_log')
      .set({ actor_id: 'supplier_ningbo_textiles' })
      .where('contract_id', '=', c.id)
      .where('seq', '=', 2)
      .execute();
    const report = await verify(c.id);
    assert.equal(report.valid, false);
    assert.deepEqual(report.chain, { valid: false, length: 3, broken_at_seq: 2, reason: 'hash_mismatch' });
    assert.deepEqual(failed(report), [['chain', 'audit entry 2', 'hash_mismatch']]);
  });

  test('a forged entry appended with a correct hash (inserts are allowed): the anchor catches it', async () => {
    const c = await confirmedContract(d);
    const log = await listAuditEntries(d.t.store, c.id);
    const forged = nextEntry(log.at(-1)!, { contract_id: c.id, event: 'revised', actor_id: 'supplier_shenzhen_led', at: new Date().toISOString(), data: { version: 1 } });
    await insertEntry(d.t.store, forged);
    const report = await verify(c.id);
    assert.equal(report.chain.valid, true, 'the forged entry chains correctly');
    assert.equal(report.valid, false);
    assert.deepEqual(failed(report), [['anchor', 'audit anchor', 'anchor_mismatch']]);
  });

  test('the whole log rewritten from genesis with fresh hashes', async () => {
    const c = await confirmedContract(d);
    const log = await listAuditEntries(d.t.store, c.id);
    await dropAppendOnly(d.t.store);
    await d.t.store.db.deleteFrom('contract_audit_log').where('contract_id', '=', c.id).execute();
    let previous: AuditEntry | null = null;
    for (const entry of log) {
      const at = entry.event === 'drafted' ? '2020-01-01T00:00:00.000Z' : entry.at; // backdated
      previous = nextEntry(previous, { contract_id: c.id, event: entry.event, actor_id: entry.actor_id, at, data: entry.data });
      await insertEntry(d.t.store, previous);
    }
    const report = await verify(c.id);
    assert.equal(report.chain.valid, true);
    assert.equal(report.valid, false);
    assert.deepEqual(failed(report), [['anchor', 'audit anchor', 'anchor_mismatch']]);
  });
});

async function insertEntry(store: Store, e: AuditEntry): Promise<void> {
  await store.db
    .insertInto('contract_audit_log')
    .values({ contract_id: e.contract_id, seq: e.seq, event: e.event, actor_id: e.actor_id, at: e.at, data: JSON.stringify(e.data), prev_hash: e.prev_hash, hash: e.hash })
    .execute();
}

describe('append-only tables', () => {
  test('the database refuses UPDATE and DELETE of audit rows and order events', async () => {
    const c = await confirmedContract(d);
    const db = d.t.store.db;
    const refused = /append-only/;
    await assert.rejects(db.updateTable('contract_audit_log').set({ data: '{}' }).where('contract_id', '=', c.id).execute(), refused);
    await assert.rejects(db.deleteFrom('contract_audit_log').where('contract_id', '=', c.id).execute(), refused);
    await assert.rejects(db.updateTable('order_events').set({ code: 'settled' }).where('order_id', '=', c.order_id).execute(), refused);
    await assert.rejects(db.deleteFrom('order_events').where('order_id', '=', c.order_id).execute(), refused);
    if (d.t.store.dialect === 'postgres') await assert.rejects(sql`TRUNCATE contract_audit_log CASCADE`.execute(db), refused);
    assert.equal((await listAuditEntries(d.t.store, c.id)).length, 3);
    assert.equal((await verify(c.id)).valid, true);
  });
});
