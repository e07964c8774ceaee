/**
 * Real processes for end-to-end tests: the K100 server started from its own entry point on a fresh
 * SQLite file, and a "partner site" on another origin that serves whatever page a test gives it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface K100Server {
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  log(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The compiled server `npm start` runs (`npm run build` writes it). */
const SERVER_ENTRY = 'dist/server/index.js';

/** Starts the compiled server in sandbox mode (seeded) exactly as `npm start` does, minus the build; `env` adds to its environment. */
export async function startK100Server(env: Record<string, string> = {}): Promise<K100Server> {
  if (!existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run \`npm run build\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'k100-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [SERVER_ENTRY], {
    env: { K100_LIMITS: 'off', ...process.env, ...env, PORT: String(port), DATABASE_URL: `sqlite:${join(dir, 'k100.sqlite')}`, K100_SANDBOX: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start in 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    log: () => output,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PartnerSite {
  /** Uses `localhost`, not 127.0.0.1, so the page and the K100 API are different origins. */
  url: string;
  setPage(html: string, csp: string): void;
  stop(): Promise<void>;
}

export async function startPartnerSite(): Promise<PartnerSite> {
  let page = { html: '<!doctype html><title>empty</title>', csp: "default-src 'none'" };
  const server: Server = createServer((req, res) => {
    if (req.url !== '/') {
      // Browsers ask every site for a favicon; answer it so the console holds only real errors.
      res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': page.csp });
    res.end(page.html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    setPage(html, csp) {
      page = { html, csp };
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function mintSession(apiUrl: string, partyId: string, secretKey = 'sk_test_demo'): Promise<string> {
  const response = await fetch(`${apiUrl}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ party_id: partyId }),
  });
  if (!response.ok) throw new Error(`minting a session failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
