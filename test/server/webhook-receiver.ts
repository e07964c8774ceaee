/** A real HTTP server on 127.0.0.1 (random port) that records webhook deliveries and answers as a test says. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
  path: string;
  headers: IncomingHttpHeaders;
  /** The exact bytes received, as UTF-8: what a receiver verifies the signature over. */
  rawBody: string;
}

/** A status, a status with headers, or `hang` (never answer: the sender's timeout has to fire). */
export type Reply = number | { status: number; headers?: Record<string, string> } | 'hang';

export interface Receiver {
  url: string;
  hits: Hit[];
  /** Changes how the following requests are answered. */
  answer(reply: (hit: Hit, index: number) => Reply): void;
  /** The hits' `K100-Event-Id` headers, in arrival order. */
  eventIds(): string[];
  close(): Promise<void>;
}

export async function startReceiver(reply: (hit: Hit, index: number) => Reply = () => 200): Promise<Receiver> {
  const hits: Hit[] = [];
  let respond = reply;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const hit = { path: req.url ?? '', headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') };
      hits.push(hit);
      const r = respond(hit, hits.length - 1);
      if (r === 'hang') return;
      const { status, headers } = typeof r === 'number' ? { status: r, headers: {} } : r;
      res.writeHead(status, headers).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/k100/webhooks`,
    hits,
    answer(next) {
      respond = next;
    },
    eventIds: () => hits.map((h) => String(h.headers['k100-event-id'])),
    async close() {
      // Hanging requests would keep close() waiting for ever.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
