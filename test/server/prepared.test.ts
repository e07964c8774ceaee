/** Hot-path query plumbing: queries compiled once (`preparedQuery`) and SQLite's kept statements. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type SqlBool } from 'kysely';
import type { Store } from '../../server/store/db.js';
import { preparedQuery } from '../../server/store/prepared.js';
import type { PartyKind } from '../../server/store/schema.js';
import { cachingStatements } from '../../server/store/statement-cache.js';
import { SANDBOX } from '../../server/store/seed.js';
import { inTransaction } from '../../server/store/transaction.js';
import { openTestStore, testDialect } from './harness.js';

const partyName = preparedQuery((db, id: string) => db.selectFrom('parties').select(['id', 'name']).where('id', '=', id));
// A fixed value beside the parameter must stay fixed, in its place among the parameters.
const partyOfKind = preparedQuery((db, kind: PartyKind, id: string) =>
  db.selectFrom('parties').select('id').where('kind', '=', kind).where('partner_id', '=', SANDBOX.partnerId).where('id', '=', id),
);

describe(`preparedQuery (${testDialect})`, () => {
  let store: Store;
  before(async () => {
    store = await openTestStore({ seed: true });
  });
  after(() => store.close());

  test('runs the one compiled query with each call’s arguments, constants kept in place', async () => {
    assert.deepEqual(await partyName(store, SANDBOX.buyers.acme), [{ id: SANDBOX.buyers.acme, name: 'Acme Trading BV' }]);
    assert.deepEqual(await partyName(store, 'nobody'), []);
    assert.deepEqual(await partyOfKind(store, 'buyer', SANDBOX.buyers.globex), [{ id: SANDBOX.buyers.globex }]);
    assert.deepEqual(await partyOfKind(store, 'supplier', SANDBOX.buyers.globex), []);
  });

  test('inside a transaction it reads the transaction’s own writes, and a rollback leaves nothing', async () => {
    await assert.rejects(
      inTransaction(store, async (q) => {
        await q.db.updateTable('parties').set({ name: 'Renamed in flight' }).where('id', '=', SANDBOX.buyers.acme).execute();
        assert.equal((await partyName(q, SANDBOX.buyers.acme))[0]?.name, 'Renamed in flight');
        throw new Error('roll back');
      }),
      /roll back/,
    );
    assert.equal((await partyName(store, SANDBOX.buyers.acme))[0]?.name, 'Acme Trading BV');
  });

  test('an argument that does not compile to exactly one parameter is refused on first use', async () => {
    const inList = preparedQuery((db, id: string) => db.selectFrom('parties').select('id').where('id', 'in', [id, id]));
    await assert.rejects(inList(store, 'x'), /argument 0 must be used exactly once/);
    const unused = preparedQuery((db, _id: string) => db.selectFrom('parties').select('id'));
    await assert.rejects(unused(store, 'x'), /argument 0 must be used exactly once/);
    const raw = preparedQuery((db, id: string) => db.selectFrom('parties').select('id').where(sql<SqlBool>`id = ${sql.raw(`'${id}'`)}`));
    await assert.rejects(raw(store, 'x'), /argument 0 must be used exactly once/);
  });
});

describe('SQLite kept statements', () => {
  test('a statement kept across a schema change sees the new schema; evicted ones are prepared again', async () => {
    const sqlite = new SqliteDatabase(':memory:');
    const db = new Kysely<{ t: { id: number; note?: string } }>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite, 2) }) });
    try {
      await sql`create table t (id integer primary key)`.execute(db);
      await db.insertInto('t').values({ id: 1 }).execute();
      const all = () => sql<Record<string, unknown>>`select * from t`.execute(db).then((r) => r.rows);
      assert.deepEqual(await all(), [{ id: 1 }]);
      await sql`alter table t add column note text default 'n'`.execute(db);
      assert.deepEqual(await all(), [{ id: 1, note: 'n' }]);
      // More distinct statements than the capacity of 2: each still runs, and correctly.
      for (let id = 2; id <= 6; id++) await sql`insert into t (id) values (${sql.lit(id)})`.execute(db);
      assert.equal((await all()).length, 6);
    } finally {
      await db.destroy();
    }
  });
});

describe('Postgres statements prepared once per connection', { skip: testDialect !== 'postgres' && 'Postgres only' }, () => {
  let store: Store;
  before(async () => {
    store = await openTestStore();
  });
  after(() => store.close());

  test('a statement whose result changed under it fails once, then its connection is replaced', async () => {
    await sql`create table prepared_probe (id integer primary key)`.execute(store.db);
    await sql`insert into prepared_probe (id) values (1)`.execute(store.db);
    // Sequential queries reuse the one idle connection, which prepares this text as a named statement.
    const probe = () => sql<Record<string, unknown>>`select * from prepared_probe where id = ${1}`.execute(store.db).then((r) => r.rows);
    assert.deepEqual(await probe(), [{ id: 1 }]);
    assert.deepEqual(await probe(), [{ id: 1 }]);
    // What another instance's migration does: the prepared plan's result type no longer holds.
    await sql`alter table prepared_probe add column note text default 'n'`.execute(store.db);
    await assert.rejects(probe(), (error: { code?: string }) => error.code === '0A000');
    assert.deepEqual(await probe(), [{ id: 1, note: 'n' }]);
    assert.deepEqual(await probe(), [{ id: 1, note: 'n' }]);
  });
});
