// Browser tests for the widgets: real system Chromium (never downloaded), TypeScript with Lit's legacy
// decorators through esbuild, and msw's service worker served at the site root for network mocks.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const root = (path) => fileURLToPath(new URL(path, import.meta.url));

/** Serves msw's worker script at /mockServiceWorker.js, its scope being the whole test origin. */
function mockServiceWorker() {
  const file = root('./node_modules/msw/lib/mockServiceWorker.js');
  return async function mockServiceWorker(context, next) {
    if (context.path !== '/mockServiceWorker.js') return next();
    context.type = 'application/javascript';
    context.set('Service-Worker-Allowed', '/');
    context.body = await readFile(file, 'utf8');
  };
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
