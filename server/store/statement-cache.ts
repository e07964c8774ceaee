/**
 * better-sqlite3 behind Kysely with its prepared statements kept. Kysely's SQLite driver calls
 * `prepare(sql)` for every query, and compiling SQL was the largest single cost of a cached read in a
 * CPU profile (13 % of an authenticated request, more than running the query). Queries are built from a
 * fixed set of shapes, so the same texts come back: a bounded map from SQL text to its statement turns
 * each repeat into a lookup. Reusing one statement is safe because Kysely runs one query at a time on the
 * single connection (its connection mutex), and SQLite re-prepares a statement itself after a schema change.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Enough for every query shape the API has (a few hundred) with room for `in (?, ?, …)` list lengths. */
const DEFAULT_CAPACITY = 1_000;

export function cachingStatements(sqlite: BetterSqlite3.Database, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        // Least recently used goes first: re-inserting moves this one to the end of the map's order.
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}
