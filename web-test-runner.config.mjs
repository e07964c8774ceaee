// Browser tests for the widgets: real system Chromium (never downloaded), TypeScript with Lit's legacy
// decorators through esbuild, and msw's service worker served at the site root for network mocks.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const root = (path) => fileURLToPath(new URL(path, import.meta.url));

/** Serves msw's worker script at /mockServiceWorker.js, its scope being the whole test origin, and a blank
 * page at /__msw-host for the page that holds the worker (see workerHost). */
function mockServiceWorker() {
  const file = root('./node_modules/msw/lib/mockServiceWorker.js');
  return async function mockServiceWorker(context, next) {
    if (context.path === '/__msw-host') {
      context.type = 'text/html';
      context.body = '<!doctype html><title>msw worker host</title>';
      return;
    }
    if (context.path !== '/mockServiceWorker.js') return next();
    context.type = 'application/javascript';
    context.set('Service-Worker-Allowed', '/');
    context.body = await readFile(file, 'utf8');
  };
}

/**
 * Every test page shares one msw worker registration (same origin), and the worker unregisters itself
 * when the last page it controls closes. With two pages running, a page that finished (or navigated to
 * about:blank) while the other was still loading, uncontrolled, took the registration away: the next page
 * then loaded with no worker, registered a fresh one and raced its `clients.claim()`. Losing that race
 * left a registration without a controller, which msw answers with `location.reload()` (the runner aborts
 * the file), or left start() talking to a worker that had just been replaced, so the `before` hook hung.
 * So one extra page registers the worker before the first test page opens and stays controlled for the
 * whole run: the registration never goes away, and every test page is controlled from its first byte.
 */
function workerHost() {
  let hosted;
  return async function createPage({ config, context }) {
    hosted ??= hostWorker(context, `${config.protocol}//${config.hostname}:${config.port}`);
    await hosted;
    return context.newPage();
  };
}

async function hostWorker(context, origin) {
  const page = await context.newPage();
  await page.goto(`${origin}/__msw-host`);
  await page.evaluate(async () => {
    await navigator.serviceWorker.register('/mockServiceWorker.js', { scope: '/' });
    await navigator.serviceWorker.ready;
  });
  // A page is controlled by the worker that was active when it loaded, so load this one again.
  await page.reload();
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    throw new Error('msw worker host: the service worker does not control its page');
  }
}

export default {
  rootDir: root('./'),
  files: ['widgets/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  plugins: [esbuildPlugin({ ts: true, tsconfig: root('./tsconfig.json'), target: 'es2022' })],
  middleware: [mockServiceWorker()],
  browsers: [
    chromeLauncher({
      createPage: workerHost(),
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  testFramework: { config: { timeout: 8000 } },
};
