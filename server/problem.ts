/**
 * RFC 9457 problem details as a throwable value, so routes and domain rules can `throw notFound('product')`
 * and the app's one error handler turns it into `application/problem+json`. No Hono imports: domain code
 * may throw these without depending on the HTTP framework.
 */

export const PROBLEM_BASE = 'https://k100widgets.dev/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface FieldError {
  /** Dotted path into the input, e.g. `items.0.quantity`; empty for the input as a whole. */
  path: string;
  message: string;
}

export interface ProblemInit {
  status: number;
  /** Last segment of the `type` URI; clients switch on it (e.g. `session-expired`). */
  slug: string;
  title: string;
  detail?: string;
  errors?: FieldError[];
  /** A machine-readable reason beyond the type, e.g. the domain refusal code `not_your_turn`. */
  code?: string;
  /** Extra response headers, e.g. `Allow` on a 405 or `WWW-Authenticate` on a 401. */
  headers?: Record<string, string>;
  /** RFC 9457 extension members, e.g. `intent_id` on a 409 naming the intent that blocks a new one. */
  extensions?: Record<string, unknown>;
}

export class HttpProblem extends Error {
  readonly status: number;
  readonly slug: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly code: string | undefined;
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;

  constructor(init: ProblemInit) {
    super(init.detail ?? init.title);
    this.name = 'HttpProblem';
    this.status = init.status;
    this.slug = init.slug;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors;
    this.code = init.code;
    this.headers = init.headers ?? {};
    this.extensions = init.extensions ?? {};
  }

  get type(): string {
    return PROBLEM_BASE + this.slug;
  }

  /** The JSON body; `instance` and `request_id` come from the request being answered. */
  toJSON(instance: string, requestId: string) {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(this.code === undefined ? {} : { code: this.code }),
      ...this.extensions,
      instance,
      request_id: requestId,
      ...(this.errors === undefined ? {} : { errors: this.errors }),
    };
  }
}

export const isHttpProblem = (e: unknown): e is HttpProblem => e instanceof HttpProblem;

// Helpers for the problems routes and domain rules raise. Each keeps one slug per meaning so clients can rely on it.

export const badRequest = (slug: string, title: string, detail?: string) =>
  new HttpProblem({ status: 400, slug, title, ...(detail === undefined ? {} : { detail }) });

export const malformedJson = () =>
  badRequest('malformed-json', 'Malformed JSON', 'The request body is not valid JSON.');

export const invalidCursor = () =>
  badRequest('invalid-cursor', 'Invalid cursor', 'Pass `next_cursor` from a previous page back unchanged.');

const BEARER = { 'WWW-Authenticate': 'Bearer realm="k100"' };

export const unauthorized = (detail = 'Send `Authorization: Bearer <session token or key>`.') =>
  new HttpProblem({ status: 401, slug: 'unauthorized', title: 'Unauthorized', detail, headers: BEARER });

/** Distinct type so widgets can show "your session has expired" and ask the host page for a new token. */
export const sessionExpired = () =>
  new HttpProblem({
    status: 401,
    slug: 'session-expired',
    title: 'Session expired',
    detail: 'The session token has expired; mint a new one from your server.',
    headers: { 'WWW-Authenticate': 'Bearer realm="k100", error="invalid_token"' },
  });

export const forbidden = (detail: string, slug = 'forbidden') =>
  new HttpProblem({ status: 403, slug, title: 'Forbidden', detail });

/** Never says whether the object exists for someone else: another party's object is simply not found. */
export const notFound = (what = 'resource') =>
  new HttpProblem({ status: 404, slug: 'not-found', title: 'Not found', detail: `No such ${what}.` });

export const methodNotAllowed = (allow: string[]) =>
  new HttpProblem({
    status: 405,
    slug: 'method-not-allowed',
    title: 'Method not allowed',
    detail: `Use ${allow.join(', ')}.`,
    headers: { Allow: allow.join(', ') },
  });

export const conflict = (detail: string) =>
  new HttpProblem({ status: 409, slug: 'conflict', title: 'Conflict', detail });

export const payloadTooLarge = (maxBytes: number) =>
  new HttpProblem({
    status: 413,
    slug: 'payload-too-large',
    title: 'Payload too large',
    detail: `Request bodies are limited to ${maxBytes} bytes.`,
  });

export const unsupportedMediaType = () =>
  new HttpProblem({
    status: 415,
    slug: 'unsupported-media-type',
    title: 'Unsupported media type',
    detail: 'Send the body as `Content-Type: application/json`.',
  });

export const validationFailed = (errors: FieldError[], detail = 'The request has invalid fields.') =>
  new HttpProblem({ status: 422, slug: 'validation', title: 'Validation failed', detail, errors });

/** One invalid field, for rules checked after schema validation (e.g. "product is not yours"). */
export const invalidField = (path: string, message: string) => validationFailed([{ path, message }]);

export const internalError = () =>
  new HttpProblem({
    status: 500,
    slug: 'internal',
    title: 'Internal server error',
    detail: 'Something went wrong on our side; quote the request id if you contact support.',
  });

/**
 * An abuse limit refused the request: `limit` names which one (clients back off per limit), and
 * `Retry-After` (also `retry_after`, in seconds) says when a retry can succeed.
 */
export const tooManyRequests = (limit: string, detail: string, retryAfterSeconds: number, headers: Record<string, string> = {}) =>
  new HttpProblem({
    status: 429,
    slug: 'rate-limited',
    title: 'Too many requests',
    detail,
    code: 'rate_limited',
    headers: { ...headers, 'Retry-After': String(retryAfterSeconds) },
    extensions: { limit, retry_after: retryAfterSeconds },
  });
