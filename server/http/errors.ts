/**
 * The app's single exit for failures: every error, validation failure and unknown route becomes one
 * RFC 9457 problem+json response carrying the request id.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { AppEnv } from '../env.js';
import {
  HttpProblem,
  PROBLEM_CONTENT_TYPE,
  internalError,
  invalidCursor,
  malformedJson,
  methodNotAllowed,
  notFound,
  payloadTooLarge,
  unsupportedMediaType,
  validationFailed,
  type FieldError,
} from '../problem.js';
import { InvalidCursorError } from '../store/catalog.js';
import { PAY_REFUSAL_STATUS, type PayRefusal, type PayRefusalCode } from '../domain/pay-refusal.js';
import { REFUSAL_STATUS, RefusedError, type Refusal, type RefusalCode } from '../domain/refusal.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export function problemResponse(c: Context, problem: HttpProblem): Response {
  const requestId: string = c.get('requestId') ?? '';
  return c.body(JSON.stringify(problem.toJSON(c.req.path, requestId)), problem.status as ContentfulStatusCode, {
    ...problem.headers,
    'Content-Type': PROBLEM_CONTENT_TYPE,
  });
}

/**
 * Maps what we know how to explain to a problem; anything else is undefined and becomes a 500. Later
 * error families (e.g. domain refusals) get mapped here, in one place.
 */
export function toProblem(err: unknown): HttpProblem | undefined {
  if (err instanceof HttpProblem) return err;
  if (err instanceof InvalidCursorError) return invalidCursor();
  if (err instanceof RefusedError) return refusalProblem(err.refusal);
  if (err instanceof HTTPException) {
    // Raised inside Hono's own validators and @hono/zod-openapi's content-type gate.
    switch (err.status) {
      case 400:
        return /json/i.test(err.message) ? malformedJson() : new HttpProblem({ status: 400, slug: 'bad-request', title: 'Bad request', detail: err.message });
      case 413:
        return payloadTooLarge(MAX_BODY_BYTES);
      case 415:
        return unsupportedMediaType();
      default:
        if (err.status < 500) return new HttpProblem({ status: err.status, slug: 'bad-request', title: err.message || 'Bad request' });
    }
  }
  return undefined;
}

const REFUSAL_TITLES = { 403: 'Forbidden', 409: 'Conflict', 422: 'Validation failed' } as const;

/** The request field a 422 refusal is about, so forms can show it where the user typed. */
const REFUSAL_FIELDS: Partial<Record<RefusalCode | PayRefusalCode, string>> = {
  comment_required: 'comment',
  acceptance_required: 'accept',
  signer_name_required: 'signer_name',
  currency_not_supported: 'currency',
  amount_too_large: 'currency',
  nothing_to_pay: 'currency',
  reference_invalid: 'reference',
  refund_amount_invalid: 'amount',
  refund_exceeds_escrow: 'amount',
};

/** Deal and K100Pay codes share one meaning of 403/409/422 (and `wrong_party` means the same in both). */
const statusOf = (refusal: Refusal | PayRefusal): 403 | 409 | 422 =>
  refusal.code in REFUSAL_STATUS ? REFUSAL_STATUS[refusal.code as RefusalCode] : PAY_REFUSAL_STATUS[refusal.code as PayRefusalCode];

/**
 * A domain refusal as a problem: status 403/409/422 from `refusalStatus`, `type` ending in the code with
 * hyphens (`…/problems/not-your-turn`) and `code` carrying it verbatim (`not_your_turn`), so clients
 * switch on either. 422 refusals also name their field in `errors`, like every validation problem.
 */
export function refusalProblem(refusal: Refusal | PayRefusal): HttpProblem {
  const status = statusOf(refusal);
  const field = REFUSAL_FIELDS[refusal.code];
  return new HttpProblem({
    status,
    slug: refusal.code.replaceAll('_', '-'),
    title: REFUSAL_TITLES[status],
    detail: refusal.message,
    code: refusal.code,
    ...(field === undefined ? {} : { errors: [{ path: field, message: refusal.message }] }),
    ...('extensions' in refusal && refusal.extensions !== undefined ? { extensions: refusal.extensions } : {}),
  });
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  const problem = toProblem(err);
  if (problem) return problemResponse(c, problem);
  console.error(`[k100] ${c.get('requestId') ?? '-'} ${c.req.method} ${c.req.path} failed:`, err);
  return problemResponse(c, internalError());
};

/** zod issues as `{path, message}` with dotted paths (`items.0.quantity`); empty path = the whole input. */
export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

const TARGET_NAMES: Record<string, string> = {
  json: 'request body',
  query: 'query parameters',
  param: 'path parameters',
  header: 'headers',
};

/** The `defaultHook` of every router: one shape for every validation failure, whatever the target. */
export function validationHook(result: { success: boolean; error?: ZodError; target: string }): void {
  if (result.success || !result.error) return;
  throw validationFailed(fieldErrors(result.error), `Invalid ${TARGET_NAMES[result.target] ?? result.target}.`);
}

/**
 * 404 for unknown paths; 405 with `Allow` when an API path exists under other methods. Only API paths:
 * the demo's catch-all page routes would otherwise make every unknown POST a 405.
 */
export function notFoundHandler(routes: () => ReadonlyArray<{ method: string; path: string }>): NotFoundHandler<AppEnv> {
  let index: Array<{ method: string; pattern: RegExp }> | undefined;
  return (c) => {
    if (!API_PATH.test(c.req.path)) return problemResponse(c, notFound('route'));
    index ??= routes()
      .filter((r) => r.method !== 'ALL')
      .map((r) => ({ method: r.method, pattern: routePattern(r.path) }));
    const allow = [...new Set(index.filter((r) => r.pattern.test(c.req.path)).map((r) => r.method))];
    if (allow.length > 0 && !allow.includes(c.req.method)) {
      if (allow.includes('GET')) allow.push('HEAD');
      return problemResponse(c, methodNotAllowed(allow));
    }
    return problemResponse(c, notFound('route'));
  };
}

const API_PATH = /^\/(v1|sandbox|health)(\/|$)/;

function routePattern(path: string): RegExp {
  const body = path
    .split('/')
    .map((seg) => (seg === '*' ? '.*' : seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${body}/?$`);
}
