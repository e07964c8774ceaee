/** The full `verify` of a stored contract: chain, chain anchor, each version's content, and the confirmed evidence. */
import { GENESIS, verifyContract, type AuditEntry, type ChainBreak, type DigestCheck } from './audit-chain.js';
import { amendmentEvidence, type AmendmentEvidenceSource } from './amendment.js';
import { sha256Hex, type JsonValue } from './canonical-json.js';
import { contentDigest, type Contract } from './contract.js';
import { contractEvidence } from './contract-evidence.js';

export type VerificationCheck = 'chain' | 'anchor' | 'digest' | 'version' | 'evidence' | 'amendment';

export type FailureReason =
  | ChainBreak
  | 'anchor_mismatch'
  | 'content_mismatch'
  | 'not_recorded'
  | 'digest_mismatch'
  | 'evidence_mismatch'
  | 'amendment_mismatch'
  | 'amendment_missing';

/** One broken check and where: `where` names the stored thing, e.g. "audit entry 3" or "version 2". */
export interface VerificationFailure {
  check: VerificationCheck;
  where: string;
  reason: FailureReason;
  message: string;
}

export interface VersionCheck {
  version: number;
  valid: boolean;
  /** The content digest the latest audit entry for this version recorded; null if none did. */
  recorded: string | null;
  /** Recomputed from the stored version; null when the stored content cannot even be read as a contract. */
  actual: string | null;
}

export interface ContractVerificationReport {
  valid: boolean;
  /** null until confirmed (and nothing claims a confirmation). */
  digest: DigestCheck | null;
  chain: { valid: boolean; length: number; broken_at_seq?: number; reason?: ChainBreak };
  /** The head hash and length kept on the contract row, which a log rewritten from genesis cannot match. */
  anchor: { valid: boolean; length: number; head_hash: string };
  versions: VersionCheck[];
  /** Confirmed only: the canonical JSON rebuilt from the stored rows equals the stored canonical JSON. */
  evidence: { valid: boolean } | null;
  /** Each confirmed amendment, by number: its evidence rebuilt from the row, its digest, and the chain's record of it. */
  amendments: AmendmentCheck[];
  failures: VerificationFailure[];
}

export interface AmendmentCheck {
  id: string;
  number: number;
  valid: boolean;
  digest: string | null;
}

/** A stored amendment row (items parsed); only confirmed ones carry evidence to check. */
export interface StoredAmendment extends AmendmentEvidenceSource {
  status: 'proposed' | 'confirmed' | 'declined';
  signer_name: string | null;
  confirmed_at: string | null;
  canonical_json: string | null;
  digest: string | null;
}

export interface StoredContract {
  contract: Contract;
  entries: readonly AuditEntry[];
  anchor: { head_hash: string; length: number };
  amendments?: readonly StoredAmendment[];
}

const CONTENT_EVENTS = new Set(['drafted', 'revised', 'sent']);

function dataField(data: JsonValue, key: string): JsonValue | undefined {
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, JsonValue>)[key] : undefined;
}

/** The content digest the log last recorded for each version: what the supplier wrote or sent. */
function recordedContentDigests(entries: readonly AuditEntry[]): Map<number, string> {
  const recorded = new Map<number, string>();
  for (const entry of entries) {
    if (!CONTENT_EVENTS.has(entry.event)) continue;
    const version = dataField(entry.data, 'version');
    const digest = dataField(entry.data, 'content_digest');
    if (typeof version === 'number' && typeof digest === 'string') recorded.set(version, digest);
  }
  return recorded;
}

/** Stored rows are not trusted to be well-formed: anything that cannot be hashed counts as tampered. */
function attempt<T>(work: () => T): T | null {
  try {
    return work();
  } catch {
    return null;
  }
}

/**
 * Every confirmed amendment against its evidence and the chain: the canonical JSON rebuilt from the row (with
 * the digest it amends, so the amendments chain onto the contract), its SHA-256, and the `amendment_confirmed`
 * entry that recorded that digest. A recorded confirmation whose row is gone or no longer confirmed fails too.
 */
function verifyAmendments(contract: Contract, entries: readonly AuditEntry[], amendments: readonly StoredAmendment[], failures: VerificationFailure[]): AmendmentCheck[] {
  const recorded = new Map<string, { digest: JsonValue | undefined; seq: number }>();
  for (const entry of entries) {
    if (entry.event !== 'amendment_confirmed') continue;
    const id = dataField(entry.data, 'amendment_id');
    if (typeof id === 'string') recorded.set(id, { digest: dataField(entry.data, 'digest'), seq: entry.seq });
  }
  const confirmed = amendments.filter((a) => a.status === 'confirmed').sort((a, b) => a.number - b.number);
  let amends = contract.confirmation?.digest ?? null;
  const checks = confirmed.map((a): AmendmentCheck => {
    const { canonical_json, digest, signer_name, confirmed_at } = a;
    const rebuilt =
      amends !== null && signer_name !== null && confirmed_at !== null
        ? attempt(() => amendmentEvidence(a, { buyer_id: contract.buyer_id, supplier_id: contract.supplier_id, amends_digest: amends! }, { signer_name, confirmed_at }).canonical_json)
        : null;
    const hashed = canonical_json === null ? null : sha256Hex(canonical_json);
    const inChain = recorded.get(a.id);
    const valid = rebuilt !== null && rebuilt === canonical_json && hashed === digest && inChain?.digest === digest;
    if (!valid) {
      failures.push({
        check: 'amendment',
        where: `amendment ${a.number}`,
        reason: 'amendment_mismatch',
        message: inChain === undefined
          ? 'No audit entry records this amendment’s confirmation.'
          : 'The amendment’s stored evidence, its digest and the digest the audit log recorded do not all agree.',
      });
    }
    amends = digest;
    return { id: a.id, number: a.number, valid, digest };
  });
  const known = new Set(confirmed.map((a) => a.id));
  for (const [id, { seq }] of recorded) {
    if (known.has(id)) continue;
    failures.push({
      check: 'amendment',
      where: `audit entry ${seq}`,
      reason: 'amendment_missing',
      message: `The audit log records the confirmation of amendment ${id}, which is not stored as confirmed.`,
    });
  }
  return checks;
}

export function verifyStoredContract({ contract, entries, anchor, amendments = [] }: StoredContract): ContractVerificationReport {
  const confirmation = contract.confirmation;
  const base = verifyContract({
    canonical_json: confirmation?.canonical_json ?? null,
    digest: confirmation?.digest ?? null,
    entries,
  });
  const failures: VerificationFailure[] = [];

  if (!base.chain.valid) {
    failures.push({
      check: 'chain',
      where: `audit entry ${base.chain.broken_at_seq}`,
      reason: base.chain.reason!,
      message: 'The audit log is not the chain that was written: an entry was changed, removed or reordered.',
    });
  }

  const last = entries.at(-1);
  // An empty log's head is GENESIS, the prev_hash its first entry will carry.
  const anchorValid = anchor.length === entries.length && anchor.head_hash === (last?.hash ?? GENESIS);
  if (!anchorValid) {
    failures.push({
      check: 'anchor',
      where: 'audit anchor',
      reason: 'anchor_mismatch',
      message: `The contract records ${anchor.length} audit entries ending in ${anchor.head_hash}; the log holds ${entries.length}${last ? ` ending in ${last.hash}` : ''}.`,
    });
  }

  const recorded = recordedContentDigests(entries);
  const versions = contract.versions.map((v): VersionCheck => {
    const actual = attempt(() => contentDigest(v));
    const expected = recorded.get(v.version) ?? null;
    const valid = actual !== null && actual === expected;
    if (!valid) {
      failures.push({
        check: 'version',
        where: `version ${v.version}`,
        reason: expected === null ? 'not_recorded' : 'content_mismatch',
        message:
          expected === null
            ? 'No audit entry records this version’s content.'
            : 'This version’s stored content differs from what the audit log recorded when it was written or sent.',
      });
    }
    return { version: v.version, valid, recorded: expected, actual };
  });

  if (base.digest && !base.digest.valid) {
    const { expected, actual, recorded_in_chain } = base.digest;
    failures.push({
      check: 'digest',
      where: 'digest',
      reason: 'digest_mismatch',
      message:
        actual !== expected
          ? 'The SHA-256 of the stored canonical JSON is not the stored digest.'
          : `The stored digest is not the one the confirmation entry recorded (${recorded_in_chain ?? 'none'}).`,
    });
  }

  let evidence: { valid: boolean } | null = null;
  if (confirmation) {
    const { signer_name, confirmed_at } = confirmation;
    const rebuilt = attempt(() => contractEvidence(contract, { signer_name, confirmed_at }).canonical_json);
    evidence = { valid: rebuilt === confirmation.canonical_json };
    if (!evidence.valid) {
      failures.push({
        check: 'evidence',
        where: 'canonical_json',
        reason: 'evidence_mismatch',
        message: 'The canonical JSON does not match the contract as stored (its confirmed version, parties and ids).',
      });
    }
  }

  const amendmentChecks = verifyAmendments(contract, entries, amendments, failures);

  return {
    valid: failures.length === 0,
    digest: base.digest,
    chain: base.chain,
    anchor: { valid: anchorValid, length: anchor.length, head_hash: anchor.head_hash },
    versions,
    evidence,
    amendments: amendmentChecks,
    failures,
  };
}
