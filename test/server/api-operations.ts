/**
 * Every operation the API declares, read from its own `/v1/openapi.json`, so that suites which sweep the
 * whole API (the authorization matrix, the fuzzer) cover a new route without being edited.
 */
import type { TestApp } from './app-harness.js';

export type JsonSchema = Record<string, any>;

export interface ApiOperation {
  /** Upper-case HTTP method. */
  method: string;
  /** The OpenAPI path template, e.g. `/v1/orders/{id}`. */
  template: string;
  operationId: string | undefined;
  /** The security schemes any of which admits a caller; empty for public operations. */
  schemes: string[];
  pathParams: string[];
  /** Query parameters with their schemas. */
  query: { name: string; required: boolean; schema: JsonSchema }[];
  /** The JSON request body schema, when the operation takes one. */
  body: JsonSchema | undefined;
  bodyRequired: boolean;
  /** Declared status codes (as strings, like the document). */
  statuses: string[];
  /** The declared JSON schema of each status's answer, where there is one. */
  answers: Record<string, JsonSchema | undefined>;
}

export interface ApiDocument {
  paths: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, JsonSchema> };
  webhooks?: Record<string, unknown>;
}

export async function apiDocument(t: TestApp): Promise<ApiDocument> {
  const res = await t.call('GET', '/v1/openapi.json');
  if (res.status !== 200) throw new Error(`GET /v1/openapi.json answered ${res.status}`);
  return (await res.json()) as ApiDocument;
}

const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete']);

export function operationsOf(doc: ApiDocument): ApiOperation[] {
  const ops: ApiOperation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const params: any[] = [...(item.parameters ?? []), ...(op.parameters ?? [])];
      const answers: Record<string, JsonSchema | undefined> = {};
      for (const [status, response] of Object.entries<any>(op.responses ?? {})) {
        answers[status] = response?.content?.['application/json']?.schema ?? response?.content?.['application/problem+json']?.schema;
      }
      ops.push({
        method: method.toUpperCase(),
        template,
        operationId: op.operationId,
        schemes: (op.security ?? []).flatMap((s: Record<string, unknown>) => Object.keys(s)),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name as string),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: !!p.required, schema: p.schema ?? {} })),
        body: op.requestBody?.content?.['application/json']?.schema,
        bodyRequired: !!op.requestBody?.required,
        statuses: Object.keys(op.responses ?? {}),
        answers,
      });
    }
  }
  return ops;
}

/** Fills a path template: `fill('/v1/orders/{id}', { id: 'ord_1' })`; values are URI-encoded. */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
}

/** Resolves a local `$ref` (`#/components/schemas/X`) against the document; other schemas come back as they are. */
export function deref(doc: ApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  let s = schema;
  for (let hops = 0; s && typeof s.$ref === 'string' && hops < 32; hops++) {
    const name = s.$ref.replace('#/components/schemas/', '');
    s = doc.components?.schemas?.[name];
  }
  return s;
}
