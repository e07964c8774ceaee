/**
 * `npm run manifest`: custom-elements.json for editors, docs and the npm package. The analyzer reads our
 * JSDoc (@tag, @event, @slot, @csspart, @cssproperty) and Lit properties; three small plugins add what it
 * cannot see on its own:
 * - each `@event`'s `detail` type, read from the event class (`class X extends K100Event<Detail>`);
 * - the shared theme tokens (`--k100-color-*`, `--k100-space-*`, …) of widgets/core/theme.ts on every
 *   widget, since every widget honours them through the shared styles;
 * - the element definitions: our entries call `define('k100-x', K100X)`, which the analyzer does not know;
 * - attribute and property types spelled out where they name a union of strings (`Theme` → `'light' |
 *   'dark' | 'auto'`), so editors can offer the values.
 */
import { readFileSync } from 'node:fs';

/** `K100ProductCollectEvent` → `{ product_id: string; product: Product }`, from every K100Event subclass. */
function eventDetails() {
  const details = new Map();
  return {
    name: 'k100-event-details',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const base = node.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      if (base?.expression.getText() !== 'K100Event' || !base.typeArguments?.[0]) return;
      details.set(node.name.text, base.typeArguments[0].getText().replace(/\s+/g, ' '));
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of elements(customElementsManifest)) {
        for (const event of declaration.events ?? []) {
          const detail = details.get(event.type?.text);
          if (detail) event.detail = { text: detail };
        }
      }
    },
  };
}

/** The public tokens the shared styles read, with their defaults, parsed from theme.ts. */
function sharedTokens(themeFile) {
  const source = readFileSync(themeFile, 'utf8');
  const tokens = new Map();
  // The colour table: `name: ['#light', '#dark'],` → --k100-color-name.
  const table = source.slice(source.indexOf('const colors'), source.indexOf('};', source.indexOf('const colors')));
  for (const [, name, light, dark] of table.matchAll(/^\s+'?([a-z-]+)'?: \['([^']+)', '([^']+)'\]/gm)) {
    tokens.set(`--k100-color-${name}`, { description: 'Shared theme colour.', default: `${light} (light), ${dark} (dark)` });
  }
  for (const [, name, fallback] of source.matchAll(/var\((--k100-[a-z0-9-]+),\s*([^;]*?)\)(?:;|\s*$)/gm)) {
    if (!tokens.has(name)) tokens.set(name, { description: 'Shared theme token.', default: fallback.trim() });
  }
  return {
    name: 'k100-shared-tokens',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of elements(customElementsManifest)) {
        const own = new Set((declaration.cssProperties ?? []).map((property) => property.name));
        const shared = [...tokens].filter(([name]) => !own.has(name)).map(([name, info]) => ({ name, ...info }));
        declaration.cssProperties = [...(declaration.cssProperties ?? []), ...shared];
      }
    },
  };
}

/** A `custom-element-definition` export for each widget, in the entry module that defines it. */
function definitions() {
  return {
    name: 'k100-definitions',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        // define.ts's own `customElements.define(tag, element)` is not a definition of anything.
        module.exports = module.exports?.filter((e) => e.kind !== 'custom-element-definition' || e.name.startsWith('k100-'));
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement || !declaration.tagName) continue;
          const entry = customElementsManifest.modules.find((m) => m.path === module.path.replace(/[^/]+\.ts$/, 'index.ts')) ?? module;
          entry.exports = (entry.exports ?? []).filter((e) => !(e.kind === 'custom-element-definition' && e.name === declaration.tagName));
          entry.exports.push({
            kind: 'custom-element-definition',
            name: declaration.tagName,
            declaration: { name: declaration.name, module: module.path },
          });
        }
      }
    },
  };
}

/** Replaces names of string-literal unions (`type Theme = 'light' | 'dark' | 'auto'`) with the union. */
function literalUnions() {
  const unions = new Map();
  return {
    name: 'k100-literal-unions',
    analyzePhase({ ts, node }) {
      if (!ts.isTypeAliasDeclaration(node) || !ts.isUnionTypeNode(node.type)) return;
      const literal = (t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal);
      if (node.type.types.every(literal)) unions.set(node.name.text, node.type.types.map((t) => `'${t.literal.text}'`).join(' | '));
    },
    packageLinkPhase({ customElementsManifest }) {
      const expand = (type) => {
        if (type?.text) type.text = type.text.replace(/\b[A-Z]\w*\b/g, (name) => unions.get(name) ?? name);
      };
      for (const declaration of elements(customElementsManifest)) {
        for (const item of [...(declaration.attributes ?? []), ...(declaration.members ?? [])]) expand(item.type);
      }
    },
  };
}

function* elements(manifest) {
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) if (declaration.customElement && declaration.tagName) yield declaration;
  }
}

export default {
  globs: ['widgets/**/*.ts'],
  exclude: ['widgets/**/*.test.ts', 'widgets/**/test/**', 'widgets/**/locales/**'],
  outdir: '.',
  litelement: true,
  plugins: [eventDetails(), sharedTokens('widgets/core/theme.ts'), definitions(), literalUnions()],
};
