/** Typed client for the K100 HTTP API: bearer auth, JSON both ways, problem+json turned into typed errors. */
import type { Problem, Category, ProductList, Supplier, AccessRequest, PrivateFolderItem, PublicFolderItem, Me } from './api-types.js';

/** A page of a cursor-paged list. */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** An RFC 9457 problem answered by the API (or made up from a bare HTTP failure). */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: { path: string; message: string }[];
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }
}

/** Any 401: the session (or key) can no longer be used; the host page must mint a new session. */
export class SessionExpiredError extends ApiError {}

export interface ApiOptions {
  /** Origin (and optional path prefix) the `/v1` API lives under. */
  base: string;
  session?: string | undefined;
  publishableKey?: string | undefined;
}

export interface RequestOptions {
  query?: Record<string, string | number | null | undefined>;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Extra request headers, e.g. `Idempotency-Key` on money-moving POSTs. */
  headers?: Record<string, string>;
}

export interface ProductQuery {
  q?: string | undefined;
  category?: string | undefined;
  supplier_id?: string | undefined;
  min_price?: number | undefined;
  max_price?: number | undefined;
  currency?: string | undefined;
  cursor?: string | null | undefined;
  limit?: number | undefined;
}

function toProblem(response: Response, body: unknown): Problem {
  const problem = body as Partial<Problem> | undefined;
  if (problem && typeof problem.title === 'string') {
    return { type: 'about:blank', ...problem, title: problem.title, status: response.status };
  }
  return { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status };
}

export class ApiClient {
  constructor(readonly options: ApiOptions) {}

  /** Sends one request; resolves with the response when it is a 2xx, else rejects with an ApiError. */
  async send(method: string, path: string, { query, body, signal, headers: extra }: RequestOptions = {}): Promise<Response> {
    const url = new URL(this.options.base.replace(/\/+$/, '') + path, location.href);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value != null && value !== '') url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...extra };
    const token = this.options.session || this.options.publishableKey;
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
    if (!response.ok) {
      const problem = toProblem(response, await response.json().catch(() => undefined));
      throw response.status === 401 ? new SessionExpiredError(problem) : new ApiError(problem);
    }
    return response;
  }

  /** Sends one request; resolves with the JSON body (undefined for 204) or rejects with an ApiError. */
  async request<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
    const response = await this.send(method, path, options);
    return (response.status === 204 ? undefined : await response.json().catch(() => undefined)) as T;
  }

  me(signal?: AbortSignal) {
    return this.request<Me>('GET', '/v1/me', { signal });
  }
  products(query: ProductQuery, signal?: AbortSignal) {
    return this.request<ProductList>('GET', '/v1/products', { query: { ...query }, signal });
  }
  categories(signal?: AbortSignal) {
    return this.request<{ data: Category[] }>('GET', '/v1/categories', { signal });
  }
  suppliers(query: { q?: string; cursor?: string | null; limit?: number }, signal?: AbortSignal) {
    return this.request<Page<Supplier>>('GET', '/v1/suppliers', { query, signal });
  }
  publicFolder(query: { cursor?: string | null; limit?: number }, signal?: AbortSignal) {
    return this.request<Page<PublicFolderItem>>('GET', '/v1/folders/public', { query, signal });
  }
  privateFolder(query: { cursor?: string | null; limit?: number }, signal?: AbortSignal) {
    return this.request<Page<PrivateFolderItem>>('GET', '/v1/folders/private', { query, signal });
  }
  /** Collects a product into the Public Product Folder (idempotent). */
  collect(productId: string, signal?: AbortSignal) {
    return this.request<unknown>('PUT', `/v1/folders/public/items/${encodeURIComponent(productId)}`, { signal });
  }
  uncollect(productId: string, signal?: AbortSignal) {
    return this.request<void>('DELETE', `/v1/folders/public/items/${encodeURIComponent(productId)}`, { signal });
  }
  accessRequests(query: { status?: string; cursor?: string | null }, signal?: AbortSignal) {
    return this.request<Page<AccessRequest>>('GET', '/v1/access-requests', { query, signal });
  }
  createAccessRequest(body: { supplier_id: string; message: string }, signal?: AbortSignal) {
    return this.request<AccessRequest>('POST', '/v1/access-requests', { body, signal });
  }
}

/** Follows `next_cursor` up to `maxPages` pages and concatenates them. */
export async function allPages<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  maxPages = 10,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const result: Page<T> = await fetchPage(cursor);
    items.push(...result.data);
    cursor = result.next_cursor;
    if (!cursor) break;
  }
  return items;
}
