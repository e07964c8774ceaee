/**
 * The builds from one file: the widgets library for CDNs (default), the widgets for npm (`--mode npm`),
 * the demo sandbox (`--mode demo`) and the server (`--mode server`).
 * Widgets for CDNs: minified ES modules, Lit bundled (partners have no import maps), stable entry
 * names in dist/widgets/ and shared code in hashed chunks under dist/widgets/chunks/.
 * Widgets for npm: the same entries with Lit and the other packages left as imports (the partner's
 * bundler resolves them, so a page holds one Lit), in packages/widgets/dist (see scripts/build-package.ts).
 */
import { Visitor, build, defineConfig, parseAst, type Plugin, type UserConfig } from 'vite';

/**
 * Collapses the static text of Lit `html` and `css` templates in our widget sources: whitespace that
 * HTML and CSS ignore, and CSS comments. Minifiers cannot know templates are markup, and in a 20 KB
 * budget indentation is a real cost. (Our templates hold no <pre> or <textarea> text.)
 */
function minifyLitTemplates(): Plugin {
  const minify = {
    html: (raw: string) => raw.replace(/>\s*\n\s*</g, '><').replace(/\s*\n\s*/g, ' '),
    css: (raw: string) =>
      raw
        .replace(/\/\*[^]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/ ?([{};,]) ?/g, '$1')
        // "color: red" → "color:red". A colon followed by a space only ever ends a property name or a
        // media feature in our styles (selectors put no space after a pseudo-class colon).
        .replace(/: /g, ':')
        .replace(/;}/g, '}'),
  };
  return {
    name: 'k100:minify-lit-templates',
    enforce: 'post',
    apply: 'build',
    transform(code, id) {
      if (!/\/widgets\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
      const edits: { start: number; end: number; text: string }[] = [];
      new Visitor({
        TaggedTemplateExpression(node) {
          const tag = node.tag.type === 'Identifier' ? node.tag.name : '';
          if (tag !== 'html' && tag !== 'css') return;
          for (const { start, end } of node.quasi.quasis) {
            edits.push({ start, end, text: minify[tag](code.slice(start, end)) });
          }
        },
      }).visit(parseAst(code));
      let out = code;
      for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) {
        out = out.slice(0, start) + text + out.slice(end);
      }
      // No source map: the edits move code, and a wrong map is worse than none (see `sourcemap` below).
      return { code: out, map: null };
    },
  };
}

const outDir = 'dist/widgets';

/** Library build options shared by both widget builds. */
function libraryConfig(
  entry: Record<string, string>,
  emptyOutDir: boolean,
  plugins: Plugin[] = [],
  codeSplitting?: { groups: { name: string; priority: number; test: RegExp }[] },
  into = outDir,
): UserConfig {
  return {
    publicDir: false,
    plugins: [minifyLitTemplates(), ...plugins],
    build: {
      outDir: into,
      emptyOutDir,
      target: 'es2021',
      minify: true,
      // Off: template minification moves code without a map (see minifyLitTemplates).
      sourcemap: false,
      lib: { entry, formats: ['es'] },
      rolldownOptions: {
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          // Lib mode leaves whitespace in ES output for downstream tree-shaking; ours ships to browsers as is.
          minify: true,
          // Tree-shaking hints (`/* @__PURE__ */`) help bundlers downstream, not browsers: no comments at all.
          comments: false,
          ...(codeSplitting ? { codeSplitting } : {}),
        },
      },
    },
  };
}

/**
 * Every widget of the one-script-tag bundle registers its Chinese catalog at once, so a Chinese page
 * would fetch them all on its first render: one chunk holds them, one request instead of ten.
 */
const allInOneLocales = { groups: [{ name: 'zh-CN', priority: 1, test: /widgets[\\/].*[\\/]locales[\\/]zh-CN\.ts$/ }] };

/**
 * `k100-widgets.js`, the one-script-tag bundle, is built on its own after the per-widget entries:
 * self-contained, it is one request instead of a waterfall of chunks, and gzips ~2 KB smaller than the
 * same code split over four files. Only the lazily loaded locale catalog stays a separate chunk.
 */
function allInOneBundle(): Plugin {
  return {
    name: 'k100:all-in-one-bundle',
    apply: 'build',
    async closeBundle() {
      // configFile: false, or the nested build would load this file and recurse.
      await build({ ...libraryConfig({ 'k100-widgets': 'widgets/index.ts' }, false, [], allInOneLocales), configFile: false });
    },
  };
}

/**
 * What the per-widget entries share, in a few chunks rather than one per combination of importers: `core`
 * (Lit, context, task, the base element, client, theme, i18n), which every widget loads; `deals` (terms,
 * differences, deal API, events and English text), which only the negotiation and contract widgets load;
 * `ship` (orders, shipment, documents, their events and English text) for the tracker and the order
 * overview; `forms` for the form plumbing of deals, the tracker and the console. Fewer files gzip smaller,
 * and a search-and-folders page never downloads deal, payment or shipping code. Code with one importing
 * widget has no group: it rides in that widget's entry, one file less (payment and warehouse code, and
 * the live event stream with its parser, which only the tracker follows). Locale catalogs stay lazily
 * loaded chunks of their own.
 */
const sharedChunks = {
  groups: [
    // Core first: a group also captures what its modules import, and deals and pay code import core.
    // eventsource-parser serves only live tracking: it rides in the tracker, not in what every widget loads.
    { name: 'core', priority: 2, test: /node_modules[\\/](?!eventsource-parser)|widgets[\\/](provider|core)[\\/](?!locales[\\/]|deals[\\/]|pay[\\/]|ship[\\/]|warehouse[\\/]|forms[\\/]|test[\\/])/ },
    // Form plumbing shared by deals, the tracker and the console, loaded by none of search and folders.
    { name: 'forms', priority: 1, test: /widgets[\\/]core[\\/]forms[\\/]/ },
    { name: 'deals', priority: 1, test: /widgets[\\/]core[\\/]deals[\\/](?!locales[\\/])/ },
    { name: 'ship', priority: 1, test: /widgets[\\/]core[\\/]ship[\\/](?!locales[\\/]|live-controller)/ },
  ],
};

/**
 * Writes into the lazy loader (widgets/loader.ts) the shared chunks each widget entry statically imports,
 * keyed by tag, so the loader can `modulepreload` them with the entry: no entry-then-chunks waterfall.
 * Runs after minification, on the placeholder string the loader carries.
 */
function loaderPreloads(): Plugin {
  return {
    name: 'k100:loader-preloads',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      const loader = chunks.find((chunk) => chunk.isEntry && chunk.name === 'loader');
      if (!loader) return;
      const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const reach = (file: string, seen: Set<string>): Set<string> => {
        for (const imported of byFile.get(file)?.imports ?? []) {
          if (byFile.has(imported) && !seen.has(imported)) reach(imported, seen.add(imported));
        }
        return seen;
      };
      const preloads: Record<string, string[]> = {};
      for (const chunk of chunks) {
        if (chunk.isEntry && chunk.name !== 'loader') preloads[`k100-${chunk.name}`] = [...reach(chunk.fileName, new Set())];
      }
      const placeholder = /(["'`])__K100_PRELOADS__\1/;
      if (!placeholder.test(loader.code)) this.error('the loader lost its __K100_PRELOADS__ placeholder');
      loader.code = loader.code.replace(placeholder, () => JSON.stringify(JSON.stringify(preloads)));
    },
  };
}

/** The per-widget entries, the provider and the lazy loader. */
const widgetEntries = {
    'product-search': 'widgets/product-search/index.ts',
    'product-folder': 'widgets/product-folder/index.ts',
    'purchase-order': 'widgets/purchase-order/index.ts',
    'contract-drafter': 'widgets/contract-drafter/index.ts',
    'contract-review': 'widgets/contract-review/index.ts',
    'pay-checkout': 'widgets/pay-checkout/index.ts',
    'shipment-tracker': 'widgets/shipment-tracker/index.ts',
    'order-status': 'widgets/order-status/index.ts',
    'warehouse-console': 'widgets/warehouse-console/index.ts',
    provider: 'widgets/provider/index.ts',
    loader: 'widgets/loader.ts',
};

/** Per-widget entries (`product-search.js`, `purchase-order.js`, …, `provider.js`) share hashed chunks. */
const widgetsConfig: UserConfig = libraryConfig(widgetEntries, true, [allInOneBundle(), loaderPreloads()], sharedChunks);

/**
 * Packages a partner's bundler resolves (peer or regular dependencies of the npm package): Lit once per
 * page, however many libraries on it use Lit.
 */
const npmExternal = /^(lit|lit\/.*|@lit\/.*|eventsource-parser)$/;

/**
 * `--mode npm`: the widgets for bundlers. Same entries (and `index.js`, everything at once), same shared
 * chunks, Lit external; minified like the CDN files, since unminified Lit templates are what the partner's
 * minifier cannot shrink.
 */
const npmConfig: UserConfig = (() => {
  const config = libraryConfig({ ...widgetEntries, index: 'widgets/index.ts' }, true, [], sharedChunks, 'packages/widgets/dist');
  config.build!.rolldownOptions!.external = npmExternal;
  return config;
})();

/**
 * The demo sandbox: a multi-page app in demo/ built to dist/demo. Its pages load the widgets the way a
 * partner does, with a `vite-ignore`d script tag to /widgets/k100-widgets.js, so the demo exercises the
 * published bundle rather than a second copy compiled into the demo.
 */
const demoConfig: UserConfig = {
  root: 'demo',
  base: '/',
  publicDir: false,
  build: {
    outDir: '../dist/demo',
    emptyOutDir: true,
    target: 'es2021',
    rolldownOptions: {
      input: { index: 'demo/index.html', supplier: 'demo/supplier.html', warehouse: 'demo/warehouse.html' },
    },
  },
};

/**
 * The server (`--mode server`), compiled for production to dist/server: `index.js` (the process), and
 * `app.js`, `config.js`, `store/{db,migrate,seed}.js` (the app alone, for `npm run bench` and embedding),
 * dependencies left as imports of node_modules.
 * Vite rather than tsc emit: the same output in ~1 s instead of 15-40 s on this 2-core machine, on
 * every `npm start`. Types are checked by `npm run typecheck`, not here.
 */
const serverConfig: UserConfig = {
  publicDir: false,
  build: {
    ssr: true,
    outDir: 'dist/server',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      // The process, and what a bench or an embedder needs to start the app on a database of its own.
      input: {
        index: 'server/index.ts',
        app: 'server/app.ts',
        config: 'server/config.ts',
        'store/db': 'server/store/db.ts',
        'store/migrate': 'server/store/migrate.ts',
        'store/seed': 'server/store/seed.ts',
      },
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
};

const configs: Record<string, UserConfig> = { demo: demoConfig, server: serverConfig, npm: npmConfig };

export default defineConfig(({ mode }) => configs[mode] ?? widgetsConfig);
