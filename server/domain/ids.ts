/** Public ids: a readable prefix and 128 random bits in lowercase base32, e.g. `grant_5k2m…`. */
import { randomBytes } from 'node:crypto';

export type IdPrefix = 'grant' | 'areq' | 'prod' | 'sess' | 'neg' | 'po' | 'ctr' | 'ord'
  // Partner webhooks: endpoints, outbox events, deliveries (event × endpoint).
  | 'we' | 'evt' | 'whd'
  // K100Pay: payment intents, ledger transfers, disputes, sandbox gateway events.
  | 'pi' | 'trf' | 'dsp' | 'gwe'
  // The designated warehouse: packing lists, receipts, returns, inspections, measurements, order documents.
  | 'pkl' | 'rcp' | 'ret' | 'insp' | 'msr' | 'doc'
  // Contract amendments.
  | 'amd';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32 without padding, lowercased so ids survive case-insensitive contexts. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${base32(randomBytes(16))}`;
}
