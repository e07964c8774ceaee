/**
 * What every resource router shares: the router factory (with the one validation hook), the problem
 * responses routes declare, and the bearer security schemes of the OpenAPI document.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.js';
import { PROBLEM_CONTENT_TYPE } from '../problem.js';
import { Problem } from '../schemas/common.js';
import { validationHook } from './errors.js';

/** A resource router; chain `.openapi(createRoute(…), handler)` on it so each handler sees its validated input types. */
export const createRouter = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const PROBLEM_DESCRIPTIONS = {
  400: 'Malformed request (bad JSON, bad cursor).',
  401: 'No valid credential; `type` ends in `session-expired` when the session token has expired.',
  403: 'Authenticated, but this caller may not do this (wrong key, party kind or origin, or `code` `wrong_party`).',
  404: 'No such object for this caller (another party’s objects are not found either).',
  409: 'The object is not in a state that allows this; for refused state changes `code` says why (e.g. `not_your_turn`).',
  413: 'Request body over 1 MB.',
  415: 'Body is not `application/json`.',
  422: 'Invalid input; `errors` lists each field.',
  429: 'Over an abuse limit (`limit` names it); retry after `Retry-After` seconds. `RateLimit-Policy` and `RateLimit` (IETF draft-7) say where you stand.',
} as const;

export type ProblemStatus = keyof typeof PROBLEM_DESCRIPTIONS;

const problemResponse = (status: ProblemStatus) => ({
  description: PROBLEM_DESCRIPTIONS[status],
  content: { [PROBLEM_CONTENT_TYPE]: { schema: Problem } },
});

/** Problem responses for a route's `responses`, e.g. `...problems(401, 403, 404)`. */
export function problems<S extends ProblemStatus>(...statuses: S[]): Record<S, ReturnType<typeof problemResponse>> {
  return Object.fromEntries(statuses.map((s) => [s, problemResponse(s)])) as Record<S, ReturnType<typeof problemResponse>>;
}

/** A JSON response entry for `responses`. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const SECURITY_SCHEMES = {
  sessionToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'Short-lived session token of one party (buyer, supplier or operator), minted by the partner’s server with `POST /v1/sessions`. Widgets send it.',
  },
  publishableKey: {
    type: 'http',
    scheme: 'bearer',
    description: 'The partner’s publishable key `pk_…`: anonymous, read-only browsing of public products, from allowed origins.',
  },
  secretKey: {
    type: 'http',
    scheme: 'bearer',
    description: 'The partner’s secret key `sk_…`: server-to-server only; refused when sent with an `Origin` header.',
  },
} as const;

export type SecuritySchemeName = keyof typeof SECURITY_SCHEMES;

/** A path parameter that is one of our ids, e.g. `idParam('product_id', 'prod_…')`. */
export function idParam<N extends string>(name: N, example: string) {
  const schema = z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'is not a valid id')
    .openapi({ param: { name, in: 'path' }, example });
  return z.object({ [name]: schema } as Record<N, typeof schema>);
}

/**
 * zod-to-openapi writes `Registered.nullable()` as `allOf: [{$ref}, {type: [T, 'null']}]`, which no null
 * satisfies (the referenced schema refuses it), so a client validating against the document rejects our
 * own answers (`next_to_act: null` on a closed negotiation). Rewrites those, in place, to
 * `anyOf: [{$ref}, {type: 'null'}]`, keeping the description.
 */
export function nullableRefsAsAnyOf<T>(node: T): T {
  if (Array.isArray(node)) {
    for (const item of node) nullableRefsAsAnyOf(item);
  } else if (node !== null && typeof node === 'object') {
    const obj = node as Record<string, any>;
    const parts = obj.allOf;
    if (Array.isArray(parts) && parts.length === 2 && typeof parts[0]?.$ref === 'string') {
      const { type, ...rest } = parts[1] ?? {};
      if (Array.isArray(type) && type.includes('null') && Object.keys(rest).every((k) => k === 'description')) {
        delete obj.allOf;
        obj.anyOf = [parts[0], { type: 'null' }];
        if (rest.description !== undefined) obj.description ??= rest.description;
      }
    }
    for (const value of Object.values(obj)) nullableRefsAsAnyOf(value);
  }
  return node;
}

/**
 * The general limits (per client IP, per credential) can refuse any `/v1` or `/sandbox` call, so every such
 * operation documents the 429; the strict routes declare theirs in `problems()`, this adds the rest.
 */
export function documentGeneralLimits<D extends { paths?: Record<string, Record<string, unknown>> }>(doc: D): D {
  const tooMany = {
    description: `${PROBLEM_DESCRIPTIONS[429]} Any call can meet the general limits per client IP and per credential.`,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!/^\/(v1|sandbox)\//.test(path)) continue;
    for (const op of Object.values(item)) {
      const responses = (op as { responses?: Record<string, unknown> } | undefined)?.responses;
      if (responses && !('429' in responses)) responses['429'] = tooMany;
    }
  }
  return doc;
}
