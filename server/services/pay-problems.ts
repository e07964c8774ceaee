/**
 * K100Pay refusals on their way to HTTP: domain PayRefusals thrown as PayRefusedError (so the money transaction
 * rolls back) and turned into problems in one place, plus the few refusals only the HTTP layer can see.
 */
import { payRefusalStatus, type PayRefusal, type PayRefusalCode, type PayResult } from '../domain/pay-refusal.js';
import { HttpProblem } from '../problem.js';

export class PayRefusedError extends Error {
  override readonly name = 'PayRefusedError';
  constructor(readonly refusal: PayRefusal) {
    super(refusal.message);
  }
}

/** The accepted value, or throws the refusal (rolling back the caller's transaction). */
export function unwrapPay<T, C extends PayRefusalCode>(result: PayResult<T, C>): T {
  if (!result.ok) throw new PayRefusedError(result);
  return result.value;
}

const TITLES = { 400: 'Bad request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict', 422: 'Validation failed' } as const;

/** The request field a 422 is about, so a form can show it where the user typed. */
const FIELDS: Partial<Record<PayRefusalCode, string>> = {
  currency_not_supported: 'currency',
  amount_too_large: 'currency',
  nothing_to_pay: 'currency',
  reference_invalid: 'reference',
  refund_amount_invalid: 'amount',
  refund_exceeds_escrow: 'amount',
};

/** Like refusalProblem: `type` ends in the code with hyphens, `code` carries it verbatim. */
export function payProblem(
  status: keyof typeof TITLES,
  code: string,
  detail: string,
  extra: { field?: string; extensions?: Record<string, unknown> } = {},
): HttpProblem {
  return new HttpProblem({
    status,
    slug: code.replaceAll('_', '-'),
    title: TITLES[status],
    detail,
    code,
    ...(extra.field === undefined ? {} : { errors: [{ path: extra.field, message: detail }] }),
    ...(extra.extensions === undefined ? {} : { extensions: extra.extensions }),
  });
}

export function payRefusalProblem(refusal: PayRefusal): HttpProblem {
  const field = FIELDS[refusal.code];
  return payProblem(payRefusalStatus(refusal), refusal.code, refusal.message, field === undefined ? {} : { field });
}
