/**
 * Endpoint signing secrets: generated as `whsec_…`, shown once, and kept so every delivery can be signed.
 *
 * Why not a hash, like secret keys? A hash lets us check a secret someone presents; here nobody presents
 * it: we must compute HMAC-SHA256 with it on every delivery, so we need the secret itself. What we can do
 * is keep it sealed at rest: with `K100_WEBHOOK_KEY` set, secrets are stored AES-256-GCM encrypted under a
 * key derived from it (and bound to their endpoint id), so a database dump or backup alone does not let
 * anyone forge our webhooks. Without the key they are stored as plain `whsec_…` text, as in the sandbox.
 * Rows written before the key was set stay readable; sealed rows need the same key to be read again.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';
const SEALED_PREFIX = 'v1.';

/** 32 random bytes: as strong as the HMAC key can use. */
export function newSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

export interface SecretBox {
  /** What to store for `secret` of endpoint `endpointId`. */
  seal(endpointId: string, secret: string): string;
  /** The `whsec_…` secret back from what was stored; throws when it cannot be read with this key. */
  open(endpointId: string, stored: string): string;
}

/** `key` is `K100_WEBHOOK_KEY` (at least 32 characters) or undefined for plain storage. */
export function secretBox(key: string | undefined): SecretBox {
  const aes = key === undefined ? undefined : Buffer.from(hkdfSync('sha256', key, '', 'k100 webhook endpoint secrets v1', 32));
  // A short fingerprint of the derived key, so a rotated or wrong key fails with a clear message.
  const kid = aes && createHash('sha256').update(aes).digest('hex').slice(0, 8);

  return {
    seal(endpointId, secret) {
      if (!aes) return secret;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', aes, iv);
      // The endpoint id as associated data: a sealed secret copied onto another row does not open there.
      cipher.setAAD(Buffer.from(endpointId, 'utf8'));
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${SEALED_PREFIX}${kid}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(endpointId, stored) {
      if (stored.startsWith(SECRET_PREFIX)) return stored;
      if (!stored.startsWith(SEALED_PREFIX)) throw new Error('unrecognised stored webhook secret');
      if (!aes) throw new Error('this endpoint secret is encrypted; set K100_WEBHOOK_KEY to the key it was sealed with');
      const [storedKid, iv, body] = stored.slice(SEALED_PREFIX.length).split('.');
      if (storedKid !== kid || iv === undefined || body === undefined) {
        throw new Error('this endpoint secret was sealed with another K100_WEBHOOK_KEY');
      }
      const bytes = Buffer.from(body, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', aes, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(endpointId, 'utf8'));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
    },
  };
}
