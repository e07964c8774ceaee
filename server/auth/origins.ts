/**
 * Matching a request's `Origin` against a partner's allowed origins. Entries are exact origins
 * (`https://shop.example`) or `scheme://host:*`, meaning that host on any port (handy for localhost).
 */

interface ParsedOrigin {
  protocol: string;
  hostname: string;
  origin: string;
}

function parse(origin: string): ParsedOrigin | undefined {
  try {
    const url = new URL(origin);
    // `URL.origin` is "null" for opaque origins (file:, data:); those can never be allowed.
    if (url.origin === 'null') return undefined;
    return { protocol: url.protocol, hostname: url.hostname, origin: url.origin };
  } catch {
    return undefined;
  }
}

/** True when `origin` (as sent by a browser) matches one allowed entry. */
export function originMatches(entry: string, origin: string): boolean {
  const actual = parse(origin);
  if (!actual || actual.origin !== origin.toLowerCase()) return false; // a browser never sends paths or odd casing
  if (entry.endsWith(':*')) {
    const base = parse(entry.slice(0, -2));
    return !!base && base.protocol === actual.protocol && base.hostname === actual.hostname;
  }
  const exact = parse(entry);
  return !!exact && exact.origin === actual.origin;
}

export function originAllowed(allowed: readonly string[], origin: string): boolean {
  return allowed.some((entry) => originMatches(entry, origin));
}

/** `allowed_origins` is stored as a JSON array; anything else allows nothing rather than failing the request. */
export function parseAllowedOrigins(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * A browser request from a page this server itself served (the demo, wherever it is hosted): not a
 * cross-origin call, so partner origin rules do not apply. Compares hosts only, because behind a TLS
 * proxy the server may see `http:` while the page is `https:`.
 */
export function isSameOrigin(origin: string, requestUrl: string): boolean {
  const page = parse(origin);
  if (!page) return false;
  try {
    return new URL(requestUrl).host === new URL(page.origin).host;
  } catch {
    return false;
  }
}
