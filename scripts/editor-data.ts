/**
 * Editor data generated from custom-elements.json, so editors complete our tags, attributes, events,
 * `::part()`s and `--k100-*` properties: VS Code custom data (html and css, loaded through the
 * `html.customData` / `css.customData` settings) and JetBrains web-types (found through package.json).
 * A small script rather than the two generator packages: it is the handful of fields both formats need.
 */

/** The parts of the Custom Elements Manifest schema we read. */
export interface Manifest {
  schemaVersion: string;
  modules: ManifestModule[];
}

interface ManifestModule {
  path: string;
  declarations?: Declaration[];
  exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[];
}

interface Described {
  name: string;
  description?: string;
  summary?: string;
}

interface Declaration extends Described {
  kind: string;
  customElement?: boolean;
  tagName?: string;
  attributes?: (Described & { type?: { text: string }; fieldName?: string })[];
  members?: (Described & { kind: string; type?: { text: string }; privacy?: string; static?: boolean; attribute?: string })[];
  events?: (Described & { type?: { text: string }; detail?: { text: string } })[];
  slots?: Described[];
  cssParts?: Described[];
  cssProperties?: (Described & { default?: string })[];
}

export function customElements(manifest: Manifest): Declaration[] {
  return manifest.modules.flatMap((module) => (module.declarations ?? []).filter((d) => d.customElement && d.tagName));
}

/** `'auto' | 'light' | 'dark'` → the three values; undefined for any type that is not only string literals. */
function literalValues(type: string | undefined): string[] | undefined {
  if (!type) return undefined;
  const parts = type.split('|').map((part) => part.trim()).filter((part) => part !== 'undefined');
  const values = parts.map((part) => /^'([^']*)'$/.exec(part)?.[1]);
  return values.length > 0 && values.every((value) => value !== undefined) ? (values as string[]) : undefined;
}

const describe = (item: Described) => item.description ?? item.summary ?? '';

function elementDescription(element: Declaration): string {
  const events = (element.events ?? []).map((event) => `- \`${event.name}\`${event.detail ? ` (detail \`${event.detail.text}\`)` : ''}: ${describe(event)}`);
  const slots = (element.slots ?? []).map((slot) => `- ${slot.name ? `\`${slot.name}\`` : 'default'}: ${describe(slot)}`);
  return [
    element.summary ?? element.description ?? '',
    events.length ? `\n**Events**\n${events.join('\n')}` : '',
    slots.length ? `\n**Slots**\n${slots.join('\n')}` : '',
  ].join('\n').trim();
}

/** VS Code `html.customData`: tags, their attributes (with values where the type lists them). */
export function htmlCustomData(manifest: Manifest): object {
  return {
    version: 1.1,
    tags: customElements(manifest).map((element) => ({
      name: element.tagName,
      description: { kind: 'markdown', value: elementDescription(element) },
      attributes: (element.attributes ?? []).map((attribute) => {
        const values = literalValues(attribute.type?.text);
        return {
          name: attribute.name,
          description: describe(attribute),
          ...(values ? { values: values.map((name) => ({ name })) } : {}),
        };
      }),
    })),
  };
}

/** VS Code `css.customData`: every `--k100-*` property and `::part()` of any widget. */
export function cssCustomData(manifest: Manifest): object {
  const properties = new Map<string, string>();
  const parts = new Map<string, string[]>();
  for (const element of customElements(manifest)) {
    for (const property of element.cssProperties ?? []) {
      if (!properties.has(property.name)) properties.set(property.name, [describe(property), property.default && `Default: ${property.default}`].filter(Boolean).join(' '));
    }
    for (const part of element.cssParts ?? []) parts.set(part.name, [...(parts.get(part.name) ?? []), `${element.tagName}: ${describe(part)}`]);
  }
  return {
    version: 1.1,
    properties: [...properties].map(([name, description]) => ({ name, description })),
    pseudoElements: [...parts].map(([name, uses]) => ({ name: `::part(${name})`, description: uses.join('\n') })),
  };
}

/** JetBrains web-types: elements with attributes, properties, events, slots, parts and CSS properties. */
export function webTypes(manifest: Manifest, name: string, version: string): object {
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name,
    version,
    'description-markup': 'markdown',
    contributions: {
      html: {
        elements: customElements(manifest).map((element) => ({
          name: element.tagName,
          description: elementDescription(element),
          attributes: (element.attributes ?? []).map((attribute) => {
            const values = literalValues(attribute.type?.text);
            return {
              name: attribute.name,
              description: describe(attribute),
              value: values ? { type: 'enum', kind: 'plain', required: false } : { type: attribute.type?.text ?? 'string', kind: 'plain' },
              ...(values ? { values: values.map((value) => ({ name: value })) } : {}),
            };
          }),
          slots: (element.slots ?? []).map((slot) => ({ name: slot.name, description: describe(slot) })),
          js: {
            properties: (element.members ?? [])
              .filter((member) => member.kind === 'field' && !member.static && (member.privacy ?? 'public') === 'public')
              .map((member) => ({ name: member.name, description: describe(member), type: member.type?.text })),
            events: (element.events ?? []).map((event) => ({
              name: event.name,
              description: describe(event),
              ...(event.detail ? { type: `${event.type?.text ?? 'Event'} (detail: ${event.detail.text})` } : {}),
            })),
          },
          css: {
            properties: (element.cssProperties ?? []).map((property) => ({ name: property.name, description: describe(property) })),
            parts: (element.cssParts ?? []).map((part) => ({ name: part.name, description: describe(part) })),
          },
        })),
      },
    },
  };
}
