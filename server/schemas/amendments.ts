/** Contract amendments over HTTP: the supplier's proposal, the buyer's confirmation or decline, and the amendment object. */
import { z } from '@hono/zod-openapi';
import { Currency, Id, MinorUnits, Timestamp } from './common.js';
import { MAX_ITEMS, MAX_QUANTITY } from './terms.js';

const Sha256 = z.string().openapi({ description: 'Lowercase hex SHA-256.', example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });

export const ProposeAmendment = z
  .object({
    items: z
      .array(
        z
          .object({
            product_id: Id,
            quantity: z
              .number()
              .int('must be a whole number of pieces')
              .min(0, 'must be at least 0 (0 drops the line)')
              .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`),
          })
          .strict(),
      )
      .min(1, 'name at least one line')
      .max(MAX_ITEMS, `must have at most ${MAX_ITEMS} lines`),
    reason: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
  })
  .strict()
  .openapi('ProposeAmendment', {
    description:
      'The revised quantities: only products of the contract, each at most its current contract quantity, at least one lower; 0 drops a line but not every line. Lines not named keep their quantity.',
  });

export const ConfirmAmendment = z
  .object({
    signer_name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    accept: z.literal(true, { error: 'must be true: confirming is an explicit acceptance' }),
  })
  .strict()
  .openapi('ConfirmAmendment');

export const DeclineAmendment = z
  .object({ comment: z.string().trim().min(1, 'must not be empty').max(5000, 'must be at most 5000 characters') })
  .strict()
  .openapi('DeclineAmendment');

export const AmendmentItem = z
  .object({
    product_id: z.string(),
    product_name: z.string(),
    unit_price: MinorUnits,
    from_quantity: z.number().int(),
    to_quantity: z.number().int(),
  })
  .openapi('AmendmentItem');

export const AmendmentStatus = z.enum(['proposed', 'confirmed', 'declined']).openapi('AmendmentStatus');

export const Amendment = z
  .object({
    id: z.string(),
    order_id: z.string(),
    contract_id: z.string(),
    number: z.number().int(),
    status: AmendmentStatus,
    reason: z.string(),
    items: z.array(AmendmentItem).openapi({ description: 'Every line of the contract, in contract order, with its quantity before and after.' }),
    currency: Currency,
    total_before: MinorUnits,
    total_after: MinorUnits,
    refund_amount: MinorUnits.openapi({ description: 'Refunded from escrow to the buyer when the buyer confirms.' }),
    created_at: Timestamp,
    confirmed_at: Timestamp.nullable(),
    signer_name: z.string().nullable(),
    digest: Sha256.nullable().openapi({ description: 'SHA-256 of the amendment’s canonical JSON; set on confirmation.' }),
  })
  .openapi('Amendment');
export type Amendment = z.infer<typeof Amendment>;

export const AmendmentList = z.object({ data: z.array(Amendment) }).openapi('AmendmentList');

export const AmendmentParams = z.object({
  id: Id.openapi({ param: { name: 'id', in: 'path' }, example: 'ord_2x7fk3mq9d4tq0h7n1bz8w6yec' }),
  aid: Id.openapi({ param: { name: 'aid', in: 'path' }, example: 'amd_2x7fk3mq9d4tq0h7n1bz8w6yec' }),
});
