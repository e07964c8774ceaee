/** The result type that domain transitions return: the next value, or a typed refusal the HTTP layer maps to a status. */
import type { PayRefusal, PayResult } from './pay-refusal.js';

/** The two parties of a deal. Operators never act on negotiations or contracts; routes answer them 404. */
export type Party = 'buyer' | 'supplier';

/**
 * Every refusal, and the status it means. 403: this party may never do this. 409: not in the current state
 * (the same request could succeed at another moment). 422: the request itself lacks what the rule demands.
 */
export const REFUSAL_STATUS = {
  wrong_party: 403,
  not_your_turn: 409,
  cannot_accept_own_offer: 409,
  already_accepted: 409,
  withdrawn: 409,
  not_accepted: 409,
  already_issued: 409,
  contract_exists: 409,
  contract_confirmed: 409,
  not_editable: 409,
  not_draft: 409,
  not_sent: 409,
  not_confirmed: 409,
  comment_required: 422,
  acceptance_required: 422,
  signer_name_required: 422,
  // Fulfilment at the designated warehouse (fulfilment.ts).
  no_designated_warehouse: 409,
  not_paid: 409,
  order_closed: 409,
  step_out_of_order: 409,
  inspection_not_agreed: 409,
  inspection_failed: 409,
  cross_check_failed: 409,
  mode_mismatch: 409,
  barcode_already_received: 409,
  dispute_open: 409,
} as const;

export type RefusalCode = keyof typeof REFUSAL_STATUS;

export interface Refusal<C extends RefusalCode = RefusalCode> {
  ok: false;
  code: C;
  message: string;
  /** RFC 9457 extension members for the problem, e.g. the `differences` that block an ownership transfer. */
  extensions?: Record<string, unknown>;
}

export interface Accepted<T> {
  ok: true;
  value: T;
}

export type Result<T, C extends RefusalCode = RefusalCode> = Accepted<T> | Refusal<C>;

export const accepted = <T>(value: T): Accepted<T> => ({ ok: true, value });

export const refuse = <C extends RefusalCode>(code: C, message: string, extensions?: Record<string, unknown>): Refusal<C> =>
  extensions === undefined ? { ok: false, code, message } : { ok: false, code, message, extensions };

export const refusalStatus = (refusal: Refusal): 403 | 409 | 422 => REFUSAL_STATUS[refusal.code];

/**
 * A refusal on its way to the HTTP layer: services `unwrap` domain results inside their transaction, so a
 * refused change rolls back, and `toProblem` (server/http/errors.ts) turns it into a problem.
 */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
  /** A deal refusal (this file) or a K100Pay one (pay-refusal.ts): one path to HTTP for both. */
  constructor(readonly refusal: Refusal | PayRefusal) {
    super(refusal.message);
  }
}

/** The accepted value, or throws the refusal as a RefusedError. */
export function unwrap<T>(result: Result<T> | PayResult<T>): T {
  if (!result.ok) throw new RefusedError(result);
  return result.value;
}
