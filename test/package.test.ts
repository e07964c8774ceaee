/**
 * The npm package as a partner's developer gets it: built by scripts/build-package.ts, packed with
 * `npm pack`, installed from the tarball into a scratch project in a temp dir, offline (`npm ci
 * --offline`: the tarballs come from the npm cache, pinned to the versions of our own lockfile), then
 * compiled against with TypeScript. Catches a server file or dependency that leaks into the package, an
 * export that does not resolve, declarations that lose the tags or the events' detail types, and a
 * manifest that lost an element, an event's detail or the shared tokens.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildPackage, PACKAGE_DIR } from '../scripts/build-package.js';
import { customElements, type Manifest } from '../scripts/editor-data.js';

const ROOT = resolve(import.meta.dirname, '..');
const TSC = join(ROOT, 'node_modules/.bin/tsc');

interface Packed {
  filename: string;
  integrity: string;
  files: { path: string }[];
}

interface PackageJson {
  name: string;
  version: string;
  exports: Record<string, string | { types: string; default: string }>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  files: string[];
}

let scratch: string;
let packed: Packed;
let pkg: PackageJson;

/**
 * A lockfile for the scratch project: the package from its tarball, every other package at the version and
 * integrity of our own lockfile, so `npm ci --offline` needs nothing but the npm cache.
 */
function scratchLock(dependencies: Record<string, string>): object {
  const ours = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')).packages as Record<string, Record<string, unknown>>;
  const packages: Record<string, object> = {
    '': { name: 'scratch', dependencies },
    [`node_modules/${pkg.name}`]: {
      version: pkg.version,
      resolved: `file:${packed.filename}`,
      integrity: packed.integrity,
      dependencies: pkg.dependencies,
      peerDependencies: pkg.peerDependencies,
    },
  };
  const pending = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)];
  for (let name = pending.pop(); name; name = pending.pop()) {
    if (packages[`node_modules/${name}`]) continue;
    const entry = ours[`node_modules/${name}`];
    assert.ok(entry, `${name} is not in our package-lock.json`);
    const { dev: _dev, ...kept } = entry;
    packages[`node_modules/${name}`] = kept;
    pending.push(...Object.keys((entry.dependencies as Record<string, string> | undefined) ?? {}));
  }
  return { name: 'scratch', lockfileVersion: 3, requires: true, packages };
}

before(async () => {
  await buildPackage();
  pkg = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as PackageJson;
  scratch = mkdtempSync(join(tmpdir(), 'k100-package-'));
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: PACKAGE_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  packed = (JSON.parse(out) as Packed[])[0]!;
  const dependencies = { [pkg.name]: `file:${packed.filename}`, lit: pkg.peerDependencies.lit! };
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module', dependencies }));
  writeFileSync(join(scratch, 'package-lock.json'), JSON.stringify(scratchLock(dependencies)));
  execFileSync('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: scratch, stdio: ['ignore', 'ignore', 'pipe'] });
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the npm package', () => {
  test('the tarball holds the built widgets and their data, and no source, server or test file', () => {
    const files = packed.files.map((file) => file.path);
    const stray = files.filter((file) => /^(server|test|scripts|demo|bench|widgets)\//.test(file) || (/\.ts$/.test(file) && !/\.d\.ts$/.test(file)));
    assert.deepEqual(stray, []);
    for (const expected of ['package.json', 'README.md', 'custom-elements.json', 'web-types.json', 'dist/index.js', 'dist/loader.js', 'dist/types/index.d.ts', 'cdn/loader.js', 'cdn/k100-widgets.js']) {
      assert.ok(files.includes(expected), `${expected} is in the tarball`);
    }
    assert.ok(!files.some((file) => /\.test\.|\/test\//.test(file)), 'no widget test in the tarball');
  });

  test('no server dependency reaches the scratch project; Lit is a peer, installed once', () => {
    for (const server of ['zod', 'hono', '@hono/zod-openapi', 'kysely', 'better-sqlite3', 'pg', 'fast-jwt']) {
      assert.ok(!existsSync(join(scratch, 'node_modules', server)), `${server} is not installed`);
    }
    assert.ok(existsSync(join(scratch, 'node_modules/lit/package.json')));
    assert.ok(!existsSync(join(scratch, 'node_modules', pkg.name, 'node_modules/lit')), 'no second Lit inside the package');
    const declarations = packed.files.filter((file) => file.path.endsWith('.d.ts'));
    for (const file of declarations) {
      const text = readFileSync(join(scratch, 'node_modules', pkg.name, file.path), 'utf8');
      assert.doesNotMatch(text, /from ['"](zod|hono|@hono\/[^'"]*)['"]|server\//, `${file.path} imports nothing of the server`);
    }
  });

  test('every export resolves, from Node and for TypeScript, to a file the tarball holds', () => {
    const subpaths = Object.keys(pkg.exports).filter((key) => !key.includes('*'));
    assert.ok(subpaths.length >= 13, `the package exports . , ./loader, each widget and its data (${subpaths.join(', ')})`);
    const script = `for (const s of ${JSON.stringify(subpaths)}) console.log(import.meta.resolve(${JSON.stringify(pkg.name)} + s.slice(1)));`;
    const resolved = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: scratch, encoding: 'utf8' }).trim().split('\n');
    for (const url of resolved) assert.ok(existsSync(new URL(url)), `${url} exists`);
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'object') assert.ok(existsSync(join(scratch, 'node_modules', pkg.name, target.types)), `types of ${subpath}`);
    }
  });

  test('TypeScript knows the tags, their properties and the events’ detail types with only Lit installed', () => {
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          types: [],
          skipLibCheck: false,
        },
        files: ['search.ts', 'loader.ts'],
      }),
    );
    writeFileSync(
      join(scratch, 'search.ts'),
      `import '@k100/widgets/product-search';
import type { K100ProductCollectEvent } from '@k100/widgets/product-search';

const search = document.createElement('k100-product-search');
search.query = 'led';
search.limit = 20;
const query: string = search.query;
search.addEventListener('k100-product-collect', (event) => {
  const name: string = event.detail.product.name;
  const price: number = event.detail.product.unit_price;
  const typed: K100ProductCollectEvent = event;
  console.log(name, price, typed, query);
});
// @ts-expect-error: a misspelt property does not exist
search.qurey = 'led';
// @ts-expect-error: limit is a number
search.limit = 'twenty';
document.addEventListener('k100-product-collect', (event) => {
  // @ts-expect-error: the detail is typed, not any
  event.detail.product.nonexistent;
});
`,
    );
    // The loader alone types every tag too, with no widget imported.
    writeFileSync(
      join(scratch, 'loader.ts'),
      `import '@k100/widgets/loader';

const checkout = document.createElement('k100-pay-checkout');
checkout.orderId = 'ord_1';
checkout.addEventListener('k100-payment-succeed', (event) => {
  const order: string = event.detail.order_id;
  const amount: number = event.detail.intent.amount_due;
  console.log(order, amount);
});
// @ts-expect-error: orderId is a string
checkout.orderId = 1;
`,
    );
    try {
      execFileSync(TSC, ['-p', 'tsconfig.json'], { cwd: scratch, encoding: 'utf8' });
    } catch (error) {
      assert.fail(`tsc failed in the scratch project:\n${(error as { stdout?: string }).stdout ?? error}`);
    }
  });

  test('custom-elements.json lists every element with definition, events with detail, parts and the shared tokens', () => {
    const manifest = JSON.parse(readFileSync(join(scratch, 'node_modules', pkg.name, 'custom-elements.json'), 'utf8')) as Manifest;
    const elements = customElements(manifest);
    const tags = elements.map((element) => element.tagName).sort();
    const entries = Object.keys(pkg.exports).filter((key) => /^\.\/[a-z-]+$/.test(key) && key !== './loader').map((key) => `k100-${key.slice(2)}`);
    assert.deepEqual(tags, entries.sort(), 'one element per widget entry');
    const definitions = manifest.modules.flatMap((module) => (module.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name));
    assert.deepEqual(definitions.sort(), tags);
    const shipped = new Set(packed.files.map((file) => file.path));
    for (const module of manifest.modules) assert.ok(shipped.has(module.path), `manifest module ${module.path} is in the tarball`);
    for (const element of elements) {
      const events = element.events ?? [];
      assert.deepEqual(events.filter((event) => !event.detail).map((event) => event.name), [], `${element.tagName}: every event has its detail type`);
      const properties = new Set((element.cssProperties ?? []).map((property) => property.name));
      for (const token of ['--k100-color-primary', '--k100-font-family', '--k100-radius', '--k100-space-3']) {
        assert.ok(properties.has(token), `${element.tagName} lists ${token}`);
      }
      if (element.tagName === 'k100-provider') continue;
      assert.ok((element.attributes ?? []).some((attribute) => attribute.name === 'session'), `${element.tagName} has a session attribute`);
      assert.ok((element.cssParts ?? []).some((part) => part.name === 'base'), `${element.tagName} has a base part`);
      assert.ok(events.some((event) => event.name === 'k100-session-expired'), `${element.tagName} fires k100-session-expired`);
    }
    const search = elements.find((element) => element.tagName === 'k100-product-search')!;
    assert.equal(search.events?.find((event) => event.name === 'k100-product-collect')?.detail?.text, '{ product_id: string; product: Product }');
  });

  test('editor data names the same elements: VS Code custom data and web-types', () => {
    const dir = join(scratch, 'node_modules', pkg.name);
    const html = JSON.parse(readFileSync(join(dir, 'vscode.html-custom-data.json'), 'utf8')) as { tags: { name: string; attributes: { name: string; values?: { name: string }[] }[] }[] };
    const css = JSON.parse(readFileSync(join(dir, 'vscode.css-custom-data.json'), 'utf8')) as { properties: { name: string }[]; pseudoElements: { name: string }[] };
    const web = JSON.parse(readFileSync(join(dir, 'web-types.json'), 'utf8')) as { contributions: { html: { elements: { name: string; js: { events: { name: string }[] } }[] } } };
    assert.equal(html.tags.length, 10);
    assert.ok(html.tags.find((tag) => tag.name === 'k100-product-folder')?.attributes.find((a) => a.name === 'tab')?.values?.length, 'the folder tab lists its values');
    assert.ok(css.properties.some((property) => property.name === '--k100-color-primary'));
    assert.ok(css.pseudoElements.some((part) => part.name === '::part(collect-button)'));
    assert.deepEqual(web.contributions.html.elements.map((element) => element.name).sort(), html.tags.map((tag) => tag.name).sort());
    assert.ok(web.contributions.html.elements.find((e) => e.name === 'k100-pay-checkout')?.js.events.some((e) => e.name === 'k100-payment-succeed'));
  });
});
