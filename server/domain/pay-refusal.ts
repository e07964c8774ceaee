/** K100Pay's refusal codes and their HTTP statuses, shaped like refusal.ts so they can merge into REFUSAL_STATUS. */
import { accepted, type Accepted } from './refusal.js';

/**
 * Same scheme as refusal.ts. 403: this party may never do this. 409: not in the current state (the same
 * request could succeed at another moment). 422: the request itself lacks what the rule demands. Kept apart
 * only because refusal.ts was not ours to edit in this change; the codes do not collide with it except
 * `wrong_party`, which means the same thing and has the same status.
 */
export const PAY_REFUSAL_STATUS = {
  wrong_party: 403,
  // quote.ts
  currency_not_supported: 422,
  rate_unavailable: 409,
  amount_too_large: 422,
  nothing_to_pay: 422,
  reference_invalid: 422,
  // settlement.ts
  not_awaiting_funds: 409,
  // disputes.ts
  escrow_not_funded: 409,
  escrow_empty: 409,
  escrow_released: 409,
  escrow_refunded: 409,
  dispute_open: 409,
  no_open_dispute: 409,
  refund_exceeds_escrow: 422,
  refund_amount_invalid: 422,
  // idempotency.ts
  idempotency_key_reused: 422,
  idempotency_in_progress: 409,
} as const;

export type PayRefusalCode = keyof typeof PAY_REFUSAL_STATUS;

export interface PayRefusal<C extends PayRefusalCode = PayRefusalCode> {
  ok: false;
  code: C;
  message: string;
}

export type PayResult<T, C extends PayRefusalCode = PayRefusalCode> = Accepted<T> | PayRefusal<C>;

export { accepted };

export const refusePay = <C extends PayRefusalCode>(code: C, message: string): PayRefusal<C> => ({ ok: false, code, message });

export const payRefusalStatus = (refusal: PayRefusal): 403 | 409 | 422 => PAY_REFUSAL_STATUS[refusal.code];
