/**
 * K100Pay shapes beyond the checkout's: gateway notifications and their acknowledgement, the sandbox bank's
 * answer, and disputes with their admin resolution. Money is integer minor units of `currency`.
 */
import { z } from '@hono/zod-openapi';
import { Currency, Id, MinorUnits, Timestamp } from './common.js';

const Instant = z.iso.datetime({ offset: false }).openapi({ format: 'date-time', example: '2026-11-27T10:00:00.000Z' });

/** What a gateway POSTs when money arrived (signed with `K100-Signature` over the raw body). */
export const GatewayNotification = z
  .object({
    event_id: z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/, 'is not a printable event id').openapi({ example: 'gwe_7qk2…' }),
    reference: z.string().min(1).max(64).openapi({ example: 'K100-8F3K-2M9Q-X4TA-7' }),
    amount: MinorUnits.refine((n) => n > 0, 'must be positive'),
    currency: Currency,
    received_at: Instant.openapi({ description: 'When the gateway received the money; judged against the quote’s `expires_at`.' }),
  })
  .openapi('GatewayNotification');
export type GatewayNotification = z.infer<typeof GatewayNotification>;

export const NotificationOutcome = z.enum(['succeeded', 'failed', 'expired', 'refunded', 'unmatched']).openapi({
  description:
    '`succeeded`: exact funds, escrow funded. `failed`: wrong amount or currency, refunded minus the refund cost. ' +
    '`expired`: arrived after the quote expired, refunded likewise. `refunded`: the intent no longer awaited funds ' +
    '(already paid or failed), refunded likewise. `unmatched`: no intent of this gateway has this reference; recorded ' +
    'for K100Pay operations to return by hand, and acknowledged so the gateway stops retrying.',
});

export const NotificationAck = z
  .object({
    event_id: z.string(),
    duplicate: z.boolean().openapi({ description: 'True when this event id was already processed: nothing changed this time.' }),
    outcome: NotificationOutcome.nullable().openapi({ description: 'null on a duplicate.' }),
    payment_intent_id: z.string().nullable(),
  })
  .openapi('NotificationAck');
export type NotificationAck = z.infer<typeof NotificationAck>;

export const SandboxDepositAck = z
  .object({ accepted: z.literal(true), gateway: z.string(), notification: NotificationAck })
  .openapi('SandboxDepositAck');

export const GatewayParams = z.object({
  gateway: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9_]+$/, 'is not a gateway id')
    .openapi({ param: { name: 'gateway', in: 'path' }, example: 'bank_transfer' }),
});

export const SignatureHeaders = z.object({
  'k100-signature': z.string().openapi({
    param: { in: 'header' },
    description: '`t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>`; refused beyond ±300 s.',
    example: 't=1767571200,v1=f5b0a1fcc876c2ea04a76c8650010bd448dd2560d3096e860f59d727b3cdbfb9',
  }),
});

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .openapi({
      param: { in: 'header', required: true },
      description:
        'Required (400 without it). 1–255 printable ASCII characters, e.g. a UUID per attempt. The same key with the same body replays the first answer (same status and bytes, plus `Idempotent-Replayed: true`); with another body → 422 `idempotency_key_reused`. Kept 24 h, per party.',
      example: '5f0c7a8e-1b7d-4a51-9d0e-3c2a9f4e8b11',
    }),
});

/**
 * The same header where it is optional (money-moving steps that widgets and partners already call without it):
 * without a key a retry meets the state machine's 409 as before; with one it is replayed like above.
 */
export const OptionalIdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .openapi({
      param: { in: 'header', required: false },
      description:
        'Optional; recommended for retries. 1–255 printable ASCII characters (400 `idempotency_key_invalid` otherwise), e.g. a UUID per attempt. The same key with the same body replays the first answer (same status and bytes, plus `Idempotent-Replayed: true`) and moves no money again; with another body → 422 `idempotency_key_reused`; while the first is still running → 409 `idempotency_in_progress`. Kept 24 h, per party. Only successes are kept: a refused request leaves the key free. Without the header (or with it empty) a retry after success gets the step’s 409.',
      example: '5f0c7a8e-1b7d-4a51-9d0e-3c2a9f4e8b11',
    }),
});

/** The success response's header that marks a replay (OpenAPI header object). */
export const IdempotentReplayedHeader = {
  'Idempotent-Replayed': { description: '`true` when this answer is a replay of the first request with this key.', schema: { type: 'string' as const, enum: ['true'] } },
};

export const DisputeResolution = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('refund_whole') }),
    z.strictObject({ kind: z.literal('refund_part'), amount: MinorUnits.openapi({ description: 'Minor units of the contract currency, ≤ what escrow holds.' }) }),
    z.strictObject({ kind: z.literal('release') }),
    z.strictObject({ kind: z.literal('dismiss') }),
  ])
  .openapi('DisputeResolution', {
    description:
      '`refund_whole`: escrow back to the buyer. `refund_part`: that much back, the rest stays held. `release`: escrow to the supplier now. `dismiss`: nothing moves.',
  });

export const ResolveDispute = z
  .object({ resolution: DisputeResolution, note: z.string().trim().max(2000).optional() })
  .strict()
  .openapi('ResolveDispute');

export const Dispute = z
  .object({
    id: z.string(),
    order_id: z.string(),
    status: z.enum(['open', 'resolved']),
    reason: z.string(),
    opened_by: z.string(),
    created_at: Timestamp,
    resolution: z
      .object({
        kind: z.enum(['refund_whole', 'refund_part', 'release', 'dismiss']),
        amount: MinorUnits.nullable().openapi({ description: 'What moved, in `currency`; 0 for dismiss.' }),
        currency: Currency,
        note: z.string().nullable(),
      })
      .nullable(),
    resolved_at: Timestamp.nullable(),
  })
  .openapi('Dispute');
export type Dispute = z.infer<typeof Dispute>;
export const DisputeList = z.object({ data: z.array(Dispute) }).openapi('DisputeList');

export const DisputeParams = z.object({
  id: Id.openapi({ param: { name: 'id', in: 'path' }, example: 'ord_2x7fk3mq9d4tq0h7n1bz8w6yec' }),
  dispute_id: Id.openapi({ param: { name: 'dispute_id', in: 'path' }, example: 'dsp_5k2m…' }),
});
