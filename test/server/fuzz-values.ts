/**
 * Hostile values for the fuzzer: what attackers and broken clients send. Kept as plain pools so the
 * arbitraries (fuzz-arbitraries.ts) and the socket fuzzer draw from the same list.
 */

/** Strings that have broken SQL builders, path joins, parsers and renderers elsewhere. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  "' OR '1'='1",
  "'; DROP TABLE orders; --",
  '" OR ""="',
  '1; SELECT pg_sleep(0) --',
  "ord_1' UNION SELECT secret_key_hash FROM partners --",
  '%',
  '_',
  '\\',
  '../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '..\\..\\windows\\win.ini',
  '/etc/passwd',
  'file:///etc/passwd',
  'ord_1%00',
  'ord_1\u0000',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202etxt.exe',
  '\u200b',
  '\ufeffBOM',
  '😀🇨🇳👩‍👩‍👧',
  'e\u0301\u0301\u0301\u0301\u0301',
  'Z̴̡̖̓a̶̘͐l̷̰̈g̵̯͝o̸͖͌',
  '\r\nX-Injected: 1',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'prototype',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '0x10',
  '00000000000000000000000000000000000000001',
  '9'.repeat(400),
  'null',
  'undefined',
  'true',
  'ａｂｃ',
  'İı',
  'ß',
  '\u0085\u2028\u2029',
  '\t\v\f',
];

/** Numbers at and past every edge a schema or a database column has. */
export const HOSTILE_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  1,
  0.5,
  -0.000001,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_VALUE,
];

/** JSON texts whose numbers no JavaScript number holds exactly (sent as raw bodies). */
export const OVERLONG_NUMBER_TEXTS: readonly string[] = ['1e309', '-1e309', '1' + '0'.repeat(400), '0.' + '1'.repeat(400), '1e-400', '123456789012345678901234567890'];

/** Keys that poison naive object merges. */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** Path ids: injection and traversal, each still a single path segment once percent-encoded. */
export const HOSTILE_IDS: readonly string[] = [
  "' OR 1=1 --",
  "1' OR '1'='1",
  '1;DROP TABLE orders',
  '../../../etc/passwd',
  '..',
  '.',
  '%2e%2e',
  '%00',
  '\u0000',
  'ord_1\u0000',
  '\ud800',
  '\u202e',
  '😀',
  'a'.repeat(65),
  'a'.repeat(5000),
  '__proto__',
  'constructor',
  '*',
  '%',
  '<script>',
  ' ',
  'null',
  '-1',
  '1e308',
];

/** Raw request bodies that are not the JSON they claim to be. */
export const MALFORMED_JSON_TEXTS: readonly string[] = [
  '',
  '{',
  '}',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '{"a":1}{"b":2}',
  'undefined',
  'NaN',
  '[1,2',
  '"unterminated',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '\ufeff{}',
  '\u0000',
  'null',
  'true',
  '42',
  '[]',
  '"a string"',
  ...OVERLONG_NUMBER_TEXTS,
];

/** `depth` nested arrays around a value, as JSON text (built as text: no recursion, no stack). */
export function deepArrayText(depth: number): string {
  return '['.repeat(depth) + '1' + ']'.repeat(depth);
}

/** `depth` nested objects `{"a":{"a":…}}` as JSON text. */
export function deepObjectText(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A value nested `depth` levels deep, for JSON.stringify (keep depth in the low thousands). */
export function deepValue(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** A long string of one character (default 'a'); `n` characters. */
export const hugeString = (n: number, ch = 'a'): string => ch.repeat(n);
