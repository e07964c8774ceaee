/** Session minting and the caller's identity. */
import { z } from '@hono/zod-openapi';
import { Id, Timestamp } from './common.js';
import { LegalEntity } from './terms.js';

export const PartyKind = z.enum(['buyer', 'supplier', 'operator']);
export type PartyKind = z.infer<typeof PartyKind>;

export const PartySummary = z
  .object({ id: z.string(), kind: PartyKind, name: z.string(), location: z.string() })
  .openapi('PartySummary');
export type PartySummary = z.infer<typeof PartySummary>;

export const CreateSession = z
  .object({
    party_id: Id.openapi({ example: 'buyer_acme' }),
    ttl_seconds: z.number().int().min(60).max(3600).default(900).openapi({
      description: 'Lifetime in seconds: default 900 (15 min), at most 3600.',
    }),
  })
  .strict()
  .openapi('CreateSession');

export const Session = z
  .object({ token: z.string(), expires_at: Timestamp, party: PartySummary })
  .openapi('Session');
export type Session = z.infer<typeof Session>;

export const Me = z
  .object({
    party: PartySummary,
    partner: z.object({ id: z.string(), name: z.string() }),
    expires_at: Timestamp,
    legal_entity: LegalEntity.nullable().openapi({
      description: 'The company this party signs contracts as, if registered; the contract drafter prefills it.',
    }),
  })
  .openapi('Me');
export type Me = z.infer<typeof Me>;
