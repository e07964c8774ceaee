/**
 * The real server as a child process that a test may SIGKILL at any moment and start again on the same
 * database: `node --import tsx server/index.ts` (no build needed), one fixed port across restarts so
 * clients keep their base URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../e2e/servers.js';
import { TEST_SESSION_SECRET } from './app-harness.js';

/** Generous: a loaded 2-core CI machine can take several seconds to load the TypeScript sources. */
const BOOT_LIMIT_MS = 60_000;

export interface CrashableServer {
  url: string;
  /** Starts a process and waits until /health answers. */
  start(): Promise<void>;
  /** Starts a process and SIGKILLs it after `ms`, whatever it was doing (loading, migrating, seeding, listening). */
  startAndKillAfter(ms: number): Promise<void>;
  /** SIGKILL: no shutdown handler runs, in-flight requests and transactions are cut where they stand. */
  kill(): Promise<void>;
  /** What the processes printed, for failure messages. */
  output(): string;
}


export async function crashableServer(databaseUrl: string, env: Record<string, string> = {}): Promise<CrashableServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let log = '';

  function spawnOne(): ChildProcess {
    const c = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        K100_SANDBOX: '1',
        // A fixed secret: sessions minted before a crash stay valid after it, as with the settings-table key.
        K100_SESSION_SECRET: TEST_SESSION_SECRET,
        // Resending after each kill repeats payment intents and deposits; the limits' windows live in the same
        // database and outlast restarts, so they would refuse the resends. This test is about durability.
        K100_LIMITS: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Keep the tail only: fifty restarts print a lot.
    const append = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000));
    c.stdout?.on('data', append);
    c.stderr?.on('data', append);
    child = c;
    return c;
  }

  async function kill(): Promise<void> {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  }

  return {
    url,
    output: () => log,
    kill,
    async start() {
      const c = spawnOne();
      const deadline = Date.now() + BOOT_LIMIT_MS;
      for (;;) {
        if (c.exitCode !== null) throw new Error(`server exited with ${c.exitCode} while starting:\n${log}`);
        try {
          if ((await fetch(`${url}/health`)).ok) return;
        } catch {
          /* not listening yet */
        }
        if (Date.now() > deadline) throw new Error(`server did not answer /health within ${BOOT_LIMIT_MS} ms:\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async startAndKillAfter(ms) {
      spawnOne();
      await new Promise((resolve) => setTimeout(resolve, ms));
      await kill();
    },
  };
}
