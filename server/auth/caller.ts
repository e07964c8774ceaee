/**
 * Who is calling, as a discriminated union, and the guards routes use to insist on one kind of caller.
 * Guards throw problems: 401 when nobody is authenticated, 403 when the wrong kind of caller is.
 */
import type { PartyKind } from '../store/schema.js';
import type { PartnerRef, PartyRef } from '../store/parties.js';
import type { Viewer } from '../store/catalog.js';
import { forbidden, unauthorized } from '../problem.js';

export type { PartnerRef, PartyRef };

/** A party acting through a session token minted by its partner's server. */
export interface SessionCaller<K extends PartyKind = PartyKind> {
  kind: 'session';
  partner: PartnerRef;
  party: PartyRef<K>;
  /** The token's `jti`, for logs and future revocation. */
  sessionId: string;
  expiresAt: Date;
}

/** A browser on a partner page before any session exists: read-only public catalog. */
export interface PublishableKeyCaller {
  kind: 'publishable_key';
  partner: PartnerRef;
}

/** The partner's own server. */
export interface SecretKeyCaller {
  kind: 'secret_key';
  partner: PartnerRef;
}

export interface NoCaller {
  kind: 'none';
}

export type Caller = SessionCaller | PublishableKeyCaller | SecretKeyCaller | NoCaller;
export type PartnerCaller = Exclude<Caller, NoCaller>;

export const NO_CALLER: NoCaller = Object.freeze({ kind: 'none' });

/** Any Hono context whose variables include `caller` (structural, so every router's env fits). */
type AnyContext = { var: { caller: Caller } };

function describe(kinds: readonly string[]): string {
  return kinds.length === 1 ? `a ${kinds[0]}` : `a ${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}`;
}

/** The caller must be a session of one of `kinds`; narrows the party kind for the handler. */
export function requireParty<K extends PartyKind>(c: AnyContext, ...kinds: K[]): SessionCaller<K> {
  const caller = c.var.caller;
  if (caller.kind === 'none') throw unauthorized();
  if (caller.kind !== 'session') throw forbidden(`This operation needs a session token of ${describe(kinds)}.`);
  if (!(kinds as PartyKind[]).includes(caller.party.kind)) {
    throw forbidden(`Only ${describe(kinds)} may do this; you are ${describe([caller.party.kind])}.`);
  }
  return caller as SessionCaller<K>;
}

/** Session minting and other partner-server operations. */
export function requireSecretKey(c: AnyContext): SecretKeyCaller {
  const caller = c.var.caller;
  if (caller.kind === 'none') throw unauthorized();
  if (caller.kind !== 'secret_key') throw forbidden('This operation needs your secret key, from your server.');
  return caller;
}

/** Anything that can read the catalog: a party session, or a key (anonymous, public products only). */
export function requireCatalogReader(c: AnyContext): { partnerId: string; viewer: Viewer } {
  const caller = c.var.caller;
  if (caller.kind === 'none') throw unauthorized();
  return { partnerId: caller.partner.id, viewer: viewerOf(caller) };
}

/** What the catalog queries need to decide visibility. */
export function viewerOf(caller: PartnerCaller): Viewer {
  return caller.kind === 'session' ? { kind: caller.party.kind, id: caller.party.id } : { kind: 'anonymous' };
}
