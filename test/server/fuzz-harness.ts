/**
 * Checks answers against the API document: a small JSON-schema validator (the keywords our document
 * uses) for every 2xx body, and the problem+json shape for every refusal. Returns the failures as
 * sentences, so a fuzz failure says which field broke which rule.
 */
import { deref, type ApiDocument, type JsonSchema } from './api-operations.js';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const typeMatches = (declared: string, actual: string) => declared === actual || (declared === 'number' && actual === 'integer');

/** Every way `value` breaks `schema`, as `path: rule` sentences; empty when it conforms. */
export function schemaErrors(doc: ApiDocument, schema: JsonSchema | undefined, value: unknown, path = '$'): string[] {
  const s = deref(doc, schema);
  if (!s || typeof s !== 'object') return [];
  const errors: string[] = [];
  const fail = (rule: string) => errors.push(`${path}: ${rule} (got ${short(value)})`);

  if (s.nullable === true && value === null) return [];
  if (s.allOf) for (const part of s.allOf) errors.push(...schemaErrors(doc, part, value, path));
  if (s.anyOf && !s.anyOf.some((part: JsonSchema) => schemaErrors(doc, part, value, path).length === 0)) {
    fail(`matches none of anyOf[${s.anyOf.length}]`);
  }
  if (s.oneOf) {
    const matching = s.oneOf.filter((part: JsonSchema) => schemaErrors(doc, part, value, path).length === 0).length;
    if (matching !== 1) fail(`matches ${matching} of oneOf[${s.oneOf.length}], not exactly one`);
  }
  const actual = typeOf(value);
  if (s.type !== undefined) {
    const declared: string[] = Array.isArray(s.type) ? s.type : [s.type];
    if (!declared.some((t) => typeMatches(t, actual))) {
      fail(`type ${declared.join('|')}`);
      return errors;
    }
  }
  if (s.enum && !s.enum.some((e: unknown) => e === value)) fail(`one of ${JSON.stringify(s.enum)}`);
  if (s.const !== undefined && s.const !== value) fail(`const ${JSON.stringify(s.const)}`);

  if (typeof value === 'string') {
    if (s.minLength !== undefined && [...value].length < s.minLength) fail(`minLength ${s.minLength}`);
    if (s.maxLength !== undefined && [...value].length > s.maxLength) fail(`maxLength ${s.maxLength}`);
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(value)) fail(`pattern ${s.pattern}`);
    if (s.format === 'date-time' && !DATE_TIME.test(value)) fail('format date-time');
    if (s.format === 'date' && !DATE.test(value)) fail('format date');
    if (s.format === 'uri' && !URL.canParse(value)) fail('format uri');
  }
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) fail(`minimum ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) fail(`maximum ${s.maximum}`);
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) fail(`exclusiveMinimum ${s.exclusiveMinimum}`);
    if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) fail(`exclusiveMaximum ${s.exclusiveMaximum}`);
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) fail(`minItems ${s.minItems}`);
    if (s.maxItems !== undefined && value.length > s.maxItems) fail(`maxItems ${s.maxItems}`);
    if (s.items) value.forEach((item, i) => errors.push(...schemaErrors(doc, s.items, item, `${path}[${i}]`)));
  }
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of s.required ?? []) if (!(key in obj)) errors.push(`${path}.${key}: required`);
    const props: Record<string, JsonSchema> = s.properties ?? {};
    for (const [key, v] of Object.entries(obj)) {
      if (key in props) errors.push(...schemaErrors(doc, props[key], v, `${path}.${key}`));
      else if (s.additionalProperties === false) errors.push(`${path}.${key}: not declared`);
      else if (typeof s.additionalProperties === 'object') errors.push(...schemaErrors(doc, s.additionalProperties, v, `${path}.${key}`));
    }
  }
  return errors;
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * What is wrong with one answer: a 5xx; a refusal that is not problem+json with type/title/status
 * matching; a 2xx JSON body that breaks its declared schema, or a status the operation does not declare.
 */
export function answerErrors(doc: ApiDocument, declared: Record<string, JsonSchema | undefined>, answer: Answer): string[] {
  const { status, contentType, text } = answer;
  if (status >= 500) return [`answered ${status}: ${text.slice(0, 300)}`];
  if (status >= 400) {
    if (!/^application\/problem\+json/.test(contentType)) return [`refusal ${status} is ${contentType || 'untyped'}, not problem+json`];
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      return [`refusal ${status} is not JSON: ${text.slice(0, 120)}`];
    }
    const errors: string[] = [];
    if (typeof body?.type !== 'string' || typeof body?.title !== 'string') errors.push(`refusal ${status} lacks type/title: ${text.slice(0, 200)}`);
    if (body?.status !== status) errors.push(`refusal ${status} says status ${body?.status}`);
    return errors;
  }
  if (status >= 200 && status < 300) {
    if (status === 204 || !/^application\/json/.test(contentType)) return [];
    if (!(String(status) in declared)) return [`answered ${status}, which the operation does not declare`];
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return [`${status} answer is not JSON: ${text.slice(0, 120)}`];
    }
    return schemaErrors(doc, declared[String(status)], body).slice(0, 10);
  }
  return [];
}
