/** Example JSON for the API reference, synthesised from an OpenAPI 3.1 schema when none is given. */

export type JsonSchema = { [key: string]: unknown };

const SAMPLE_STRINGS: Record<string, string> = {
  'date-time': '2026-11-27T10:00:00.000Z',
  date: '2026-11-27',
  uri: 'https://example.com/image.jpg',
  email: 'buyer@example.com',
};

/** A plausible value for `schema`, following `$ref`s into `components`; depth-limited for recursive schemas. */
export function exampleOf(schema: unknown, components: Record<string, JsonSchema>, depth = 0): unknown {
  if (!isSchema(schema) || depth > 8) return null;
  const ref = schema.$ref;
  if (typeof ref === 'string') return exampleOf(components[ref.split('/').pop() ?? ''], components, depth + 1);
  if ('example' in schema) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ('default' in schema) return schema.default;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const options = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (Array.isArray(options)) {
    const first = options.find((o) => !(isSchema(o) && o.type === 'null')) ?? options[0];
    return exampleOf(first, components, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((s) => exampleOf(s, components, depth + 1)));
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, exampleOf(v, components, depth + 1)]));
    }
    case 'array':
      return [exampleOf(schema.items, components, depth + 1)];
    case 'string':
      return SAMPLE_STRINGS[String(schema.format)] ?? 'string';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
