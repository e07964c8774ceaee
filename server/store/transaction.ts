/** One state change, one transaction: every write path goes through here so a failure leaves nothing half-written. */
import type { Queryable, Store } from './db.js';

/** Runs `work` in a transaction; throwing (a problem, a constraint) rolls everything back. */
export function inTransaction<T>(store: Store, work: (q: Queryable) => Promise<T>): Promise<T> {
  return store.db.transaction().execute((trx) => work({ db: trx, dialect: store.dialect }));
}
