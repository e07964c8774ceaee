/**
 * `npm run build:package`: the npm package of the widgets alone, in packages/widgets. The root package
 * holds the server and stays private; this one holds nothing of it, so no server dependency (zod, hono,
 * Kysely, database drivers) reaches a widget user.
 *
 *   dist/<widget>.js, dist/loader.js, dist/index.js   ES modules for bundlers, Lit left as an import
 *   dist/chunks/                                       what the entries share
 *   dist/types/                                        declarations (tsconfig.package.json)
 *   cdn/                                               the self-contained CDN files, Lit bundled
 *   custom-elements.json, web-types.json, vscode.*.json  the manifest and editor data generated from it
 *
 * Lit is a peer dependency (one Lit per page, whoever else uses it); @lit/context, @lit/task and
 * eventsource-parser are plain dependencies. Versions come from the root package.json.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { cssCustomData, htmlCustomData, webTypes, type Manifest } from './editor-data.js';

const ROOT = resolve(import.meta.dirname, '..');
export const PACKAGE_DIR = join(ROOT, 'packages/widgets');
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

/** Widget entries (a subpath export each) besides `.` (everything) and `./loader`. */
const WIDGETS = [
  'provider',
  'product-search',
  'product-folder',
  'purchase-order',
  'contract-drafter',
  'contract-review',
  'pay-checkout',
  'shipment-tracker',
  'order-status',
  'warehouse-console',
];

interface RootPackage {
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function versionOf(root: RootPackage, name: string): string {
  const version = root.dependencies?.[name] ?? root.devDependencies?.[name];
  if (!version) throw new Error(`${name} is not in the root package.json`);
  return version;
}

/** Manifest paths name our sources; in the package they name the shipped files (entries, or declarations). */
function shippedManifest(manifest: Manifest): Manifest {
  const shipped = (path: string) => {
    const entry = /^widgets\/([a-z-]+)\/index\.ts$/.exec(path);
    if (entry && WIDGETS.includes(entry[1]!)) return `dist/${entry[1]}.js`;
    if (path === 'widgets/index.ts' || path === 'widgets/loader.ts') return path.replace(/^widgets\/(.*)\.ts$/, 'dist/$1.js');
    return path.replace(/^\/?widgets\/(.*)\.ts$/, 'dist/types/$1.d.ts');
  };
  return JSON.parse(JSON.stringify(manifest), (key, value) =>
    (key === 'path' || key === 'module') && typeof value === 'string' ? shipped(value) : value,
  );
}

function packageJson(root: RootPackage): object {
  const entry = (name: string) => ({ types: `./dist/types/${name}/index.d.ts`, default: `./dist/${name}.js` });
  return {
    name: '@k100/widgets',
    version: root.version,
    description: 'Embeddable K100B2B procurement web components: catalog search, folders, deals, e-contracts, escrow checkout, tracking.',
    type: 'module',
    keywords: ['web-components', 'custom-elements', 'lit', 'procurement', 'b2b'],
    exports: {
      '.': { types: './dist/types/index.d.ts', default: './dist/index.js' },
      './loader': { types: './dist/types/loader.d.ts', default: './dist/loader.js' },
      ...Object.fromEntries(WIDGETS.map((name) => [`./${name}`, entry(name)])),
      './cdn/*': './cdn/*',
      './custom-elements.json': './custom-elements.json',
      './package.json': './package.json',
    },
    module: './dist/index.js',
    types: './dist/types/index.d.ts',
    // Every module registers something: an entry defines its element, shared chunks the English messages
    // and the provider, the loader starts watching the page. No JS file may be dropped for being unused.
    sideEffects: ['./dist/*.js', './dist/chunks/*.js', './cdn/**/*.js'],
    files: ['dist', 'cdn', 'custom-elements.json', 'web-types.json', 'vscode.html-custom-data.json', 'vscode.css-custom-data.json', 'README.md'],
    customElements: 'custom-elements.json',
    'web-types': './web-types.json',
    peerDependencies: { lit: versionOf(root, 'lit') },
    dependencies: Object.fromEntries(['@lit/context', '@lit/task', 'eventsource-parser'].map((name) => [name, versionOf(root, name)])),
  };
}

export async function buildPackage(): Promise<void> {
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as RootPackage;
  rmSync(PACKAGE_DIR, { recursive: true, force: true });
  // The npm build empties packages/widgets/dist itself; the CDN build writes dist/widgets as `npm run build` does.
  await build({ root: ROOT, mode: 'npm', logLevel: 'warn' });
  await build({ root: ROOT, logLevel: 'warn' });
  cpSync(join(ROOT, 'dist/widgets'), join(PACKAGE_DIR, 'cdn'), { recursive: true });
  execFileSync(bin('tsc'), ['-p', 'tsconfig.package.json'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(bin('cem'), ['analyze'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

  const manifest = shippedManifest(JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8')) as Manifest);
  const pkg = packageJson(root);
  const write = (file: string, value: unknown) => writeFileSync(join(PACKAGE_DIR, file), `${JSON.stringify(value, null, 2)}\n`);
  mkdirSync(PACKAGE_DIR, { recursive: true });
  write('custom-elements.json', manifest);
  write('web-types.json', webTypes(manifest, '@k100/widgets', root.version));
  write('vscode.html-custom-data.json', htmlCustomData(manifest));
  write('vscode.css-custom-data.json', cssCustomData(manifest));
  write('package.json', pkg);
  cpSync(join(ROOT, 'widgets/README.md'), join(PACKAGE_DIR, 'README.md'));
}

if (process.argv[1] === import.meta.filename) {
  await buildPackage();
  console.log(`built ${PACKAGE_DIR}`);
}
