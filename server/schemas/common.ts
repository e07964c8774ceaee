/** Schemas every resource shares: problem details, list envelopes, ids, money. They also feed OpenAPI. */
import { z } from '@hono/zod-openapi';

/** RFC 9457 problem details. `errors` lists field failures for validation problems. */
export const Problem = z
  .object({
    type: z.string().openapi({ example: 'https://k100widgets.dev/problems/validation' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().optional().openapi({
      description: 'Why a state change was refused, e.g. `not_your_turn`; the `type` ends in the same code with hyphens.',
      example: 'not_your_turn',
    }),
    intent_id: z.string().optional().openapi({
      description: 'On a 409 `intent_awaiting_funds`: the payment intent that still awaits funds (pay it, or wait for its quote to expire).',
    }),
    instance: z.string().optional(),
    request_id: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string().openapi({ example: 'unit_price' }), message: z.string() }))
      .optional(),
  })
  .openapi('Problem');
export type Problem = z.infer<typeof Problem>;

/** Opaque keyset cursor; clients pass `next_cursor` back untouched. */
export const Cursor = z.string().max(512).openapi({ description: 'Opaque cursor from `next_cursor`.' });

export const Limit = z.coerce.number().int().min(1).max(100).default(20);

/** ISO 4217 alphabetic code. */
export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
  .openapi({ example: 'USD' });

/** Integer minor units (cents, fen): money is never a float. */
export const MinorUnits = z
  .number()
  .int('must be an integer amount in minor units')
  .min(0)
  .max(Number.MAX_SAFE_INTEGER)
  .openapi({ example: 1250, description: 'Integer minor units of `currency` (1250 USD = $12.50).' });

export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'is not a valid id');

export const Timestamp = z.string().openapi({ format: 'date-time', example: '2026-11-27T10:00:00.000Z' });

export function listOf<T extends z.ZodTypeAny>(item: T, name: string) {
  return z
    .object({ data: z.array(item), next_cursor: z.string().nullable() })
    .openapi(name);
}
