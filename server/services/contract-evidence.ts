/** Evidence reads of a contract: verification from the stored rows, and the printable document once confirmed. */
import { renderContractDocument } from '../domain/contract-document.js';
import { isConfirmed } from '../domain/contract.js';
import { verifyStoredContract } from '../domain/contract-verification.js';
import { RefusedError, refuse } from '../domain/refusal.js';
import type { ContractVerification } from '../schemas/contracts.js';
import { amendmentsOfContract, confirmedAmendments, toStoredAmendment } from '../store/amendments.js';
import { listAuditEntries } from '../store/audit-log.js';
import type { Store } from '../store/db.js';
import { loadContract } from './contract-state.js';

/**
 * Recomputes everything from what is stored, trusting none of it: the chain, its anchor on the contract
 * row, each version's content against the digest the log recorded, and once confirmed the digest and
 * the canonical JSON rebuilt from the rows. One snapshot for all reads (REPEATABLE READ on Postgres;
 * SQLite transactions already are one), so a concurrent append cannot make log and anchor look out of step.
 */
export async function verifyContractFor(store: Store, partyId: string, id: string): Promise<ContractVerification> {
  const snapshot = store.db.transaction();
  return (store.dialect === 'postgres' ? snapshot.setIsolationLevel('repeatable read') : snapshot).execute(async (trx) => {
    const q = { db: trx, dialect: store.dialect };
    const { record, contract } = await loadContract(q, partyId, id);
    const entries = await listAuditEntries(q, id);
    const report = verifyStoredContract({
      contract,
      entries,
      anchor: { head_hash: record.audit_head_hash, length: Number(record.audit_length) },
      amendments: (await amendmentsOfContract(q, id)).map(toStoredAmendment),
    });
    return { contract_id: record.id, status: record.status, ...report };
  });
}

export interface ContractDocument {
  html: string;
  filename: string;
}

/** The print-ready HTML of a confirmed contract; before confirmation there is no document (409). */
export async function contractDocumentFor(store: Store, partyId: string, id: string): Promise<ContractDocument> {
  const { record, contract } = await loadContract(store, partyId, id);
  if (!isConfirmed(contract)) {
    throw new RefusedError(refuse('not_confirmed', 'The contract document exists once the buyer has confirmed the contract.'));
  }
  const amendments = (await confirmedAmendments(store, id)).map(toStoredAmendment);
  const html = renderContractDocument(
    contract,
    { buyer: { id: record.buyer_id, name: record.buyer_name }, supplier: { id: record.supplier_id, name: record.supplier_name } },
    amendments,
  );
  return { html, filename: `contract-${record.id}-v${record.current_version}.html` };
}
