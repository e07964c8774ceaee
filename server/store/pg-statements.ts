/**
 * Postgres behind Kysely with its statements prepared once per connection. Kysely sends every query
 * unnamed, so Postgres parses and plans it each time; measured on this machine, a named statement took
 * the session's party lookup from ~72 to ~31 µs a round trip and cut the client's CPU too. The same SQL
 * text always gets the same name, so each pooled connection prepares a query shape once.
 *
 * A schema change under a running instance (another instance migrating) can make a prepared `select *`
 * fail with "cached plan must not change result type"; that connection is then discarded on release
 * rather than reused, so the failure happens once per connection, as for any driver that prepares.
 */
import type pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';

/** More than the API's query shapes; texts past it (long `in (…)` lists of new lengths) run unnamed. */
const DEFAULT_CAPACITY = 2_000;
const STALE_PLAN = '0A000';

export function preparingStatements(pool: pg.Pool, capacity = DEFAULT_CAPACITY): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < capacity) names.set(text, (name = `k100_${names.size.toString(36)}`));
    return name;
  };

  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let stale = false;
      return {
        query(text: unknown, values?: ReadonlyArray<unknown>) {
          // Cursors, and statements without parameters (which may hold several, like migrations), go as they are.
          if (typeof text !== 'string' || values === undefined || values.length === 0) {
            return client.query(text as string, values as unknown[]) as never;
          }
          const name = nameOf(text);
          const query = name === undefined ? client.query(text, [...values]) : client.query({ name, text, values: [...values] });
          return query.catch((error: unknown) => {
            if ((error as { code?: string }).code === STALE_PLAN) stale = true;
            throw error;
          }) as never;
        },
        release(destroy?: boolean) {
          client.release(destroy || stale);
        },
      } as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}
