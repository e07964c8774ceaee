/** The contract audit log as an append-only hash chain, and the checks `GET /v1/contracts/:id/verify` reports. */
import { canonicalJson, sha256Hex, type JsonValue } from './canonical-json.js';

/** prev_hash of the first entry: 64 zeros, so every prev_hash has the same form as a hash. */
export const GENESIS = '0'.repeat(64);

/** The contract's own events, then its amendments' (which follow confirmation on the same chain). */
export type AuditEvent =
  | 'drafted'
  | 'revised'
  | 'sent'
  | 'changes_requested'
  | 'confirmed'
  | 'amendment_proposed'
  | 'amendment_confirmed'
  | 'amendment_declined';

export interface AuditEntryInput {
  /** 1-based and gapless per contract. */
  seq: number;
  contract_id: string;
  event: AuditEvent;
  actor_id: string;
  /** ISO 8601 text, stored and read back byte for byte: it is hashed. */
  at: string;
  data: JsonValue;
}

export interface AuditEntry extends AuditEntryInput {
  prev_hash: string;
  hash: string;
}

/** Every field is hashed, prev_hash included, so no field of an entry can change without breaking the chain. */
export function entryHash(prevHash: string, input: AuditEntryInput): string {
  const { seq, contract_id, event, actor_id, at, data } = input;
  return sha256Hex(canonicalJson({ seq, prev_hash: prevHash, contract_id, event, actor_id, at, data }));
}

/** The entry to append after the one whose hash is `prevHash` (null for the first entry). */
export function chainEntry(prevHash: string | null, input: AuditEntryInput): AuditEntry {
  const prev_hash = prevHash ?? GENESIS;
  const { seq, contract_id, event, actor_id, at, data } = input;
  return { seq, contract_id, event, actor_id, at, data, prev_hash, hash: entryHash(prev_hash, input) };
}

/** chainEntry with seq and prev_hash taken from the latest entry, so callers cannot get them wrong. */
export function nextEntry(latest: AuditEntry | null, input: Omit<AuditEntryInput, 'seq'>): AuditEntry {
  return chainEntry(latest?.hash ?? null, { ...input, seq: (latest?.seq ?? 0) + 1 });
}

export type ChainBreak = 'hash_mismatch' | 'prev_mismatch' | 'seq_gap';

export type ChainVerdict = { valid: true } | { valid: false; broken_at_seq: number; reason: ChainBreak };

/**
 * Checks entries in the order given (the store reads them by seq). `broken_at_seq` is the first position
 * (1-based) where the chain is not what it must be: a removed or reordered entry shows as `seq_gap`, an
 * edited entry as `hash_mismatch`, an edited or re-pointed prev_hash as `prev_mismatch`. A chain rewritten
 * from the start with fresh hashes verifies; the confirmed digest cross-check in verifyContract and a head
 * hash kept elsewhere are what catch that.
 */
export function verifyChain(entries: readonly AuditEntry[]): ChainVerdict {
  let expectedPrev = GENESIS;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const position = i + 1;
    if (entry.seq !== position) return { valid: false, broken_at_seq: position, reason: 'seq_gap' };
    if (entry.prev_hash !== expectedPrev) return { valid: false, broken_at_seq: position, reason: 'prev_mismatch' };
    let hash: string;
    try {
      hash = entryHash(entry.prev_hash, entry);
    } catch {
      // Data that cannot even be canonicalised was not written by us.
      return { valid: false, broken_at_seq: position, reason: 'hash_mismatch' };
    }
    if (entry.hash !== hash) return { valid: false, broken_at_seq: position, reason: 'hash_mismatch' };
    expectedPrev = entry.hash;
  }
  return { valid: true };
}

export interface DigestCheck {
  valid: boolean;
  /** The digest stored on the contract. */
  expected: string | null;
  /** SHA-256 recomputed from the stored canonical JSON. */
  actual: string | null;
  /** The digest the `confirmed` audit entry recorded, tying the chain to the evidence. */
  recorded_in_chain: string | null;
}

export interface ContractVerification {
  valid: boolean;
  /** null while the contract is unconfirmed and nothing claims otherwise. */
  digest: DigestCheck | null;
  chain: { valid: boolean; length: number; broken_at_seq?: number; reason?: ChainBreak };
}

function recordedDigest(entries: readonly AuditEntry[]): string | null {
  const confirmed = entries.findLast((entry) => entry.event === 'confirmed');
  const data = confirmed?.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const digest = (data as { readonly [key: string]: JsonValue })['digest'];
  return typeof digest === 'string' ? digest : null;
}

/**
 * The answer of `GET /v1/contracts/:id/verify`. The digest must match the canonical JSON and the digest the
 * chain recorded at confirmation, so replacing both canonical JSON and digest, or dropping the confirmed
 * entry from the log (or the digest from the row), is caught even though each piece looks consistent alone.
 */
export function verifyContract(input: {
  canonical_json: string | null;
  digest: string | null;
  entries: readonly AuditEntry[];
}): ContractVerification {
  const verdict = verifyChain(input.entries);
  const chain = verdict.valid
    ? { valid: true, length: input.entries.length }
    : { valid: false, length: input.entries.length, broken_at_seq: verdict.broken_at_seq, reason: verdict.reason };

  const recorded = recordedDigest(input.entries);
  let digest: DigestCheck | null = null;
  if (input.canonical_json !== null || input.digest !== null || recorded !== null) {
    const actual = input.canonical_json === null ? null : sha256Hex(input.canonical_json);
    const valid = actual !== null && actual === input.digest && recorded === input.digest;
    digest = { valid, expected: input.digest, actual, recorded_in_chain: recorded };
  }
  return { valid: chain.valid && (digest?.valid ?? true), digest, chain };
}
