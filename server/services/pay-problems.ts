/**
 * The K100Pay refusals only the HTTP layer can see (idempotency keys, signatures), shaped like domain
 * refusals: domain ones go through `unwrap`/RefusedError and `refusalProblem` like every other refusal.
 */
import { HttpProblem } from '../problem.js';

const TITLES = { 400: 'Bad request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict', 422: 'Validation failed' } as const;

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
