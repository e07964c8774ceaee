/** Server-wide values every instance must share, kept in the `settings` table. */
import type { Queryable } from './db.js';

/**
 * Returns the value under `key`, creating it with `create()` first if absent. Insert-if-absent then read
 * back, so when two instances start at once both end up with whichever value won the insert.
 */
export async function getOrCreateSetting(q: Queryable, key: string, create: () => string): Promise<string> {
  await q.db
    .insertInto('settings')
    .values({ key, value: create() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await q.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}
