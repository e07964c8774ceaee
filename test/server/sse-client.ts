/**
 * Test side of Server-Sent Events: an app served on a real port, and a stream reader (fetch + eventsource-parser)
 * that records everything it reads, in order, so tests can wait for what comes next.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createParser } from 'eventsource-parser';

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves `fetch` on 127.0.0.1 at a free port. */
export async function serveOnPort(fetch: (req: Request) => Response | Promise<Response>): Promise<Served> {
  let server!: ReturnType<typeof serve>;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Streams still open would hold close() forever; a test that forgot one should not hang the run.
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Item =
  | { kind: 'retry'; retry: number }
  | { kind: 'comment'; comment: string }
  | { kind: 'event'; event: string | undefined; id: string | undefined; data: string }
  | { kind: 'end' };

export class SseStream {
  readonly items: Item[] = [];
  private read = 0;
  private wake: (() => void) | undefined;
  private constructor(
    readonly response: Response,
    private readonly abortController: AbortController,
  ) {}

  /** Opens the stream; a non-200 answer is returned as is (its body unread) with no stream. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<{ response: Response; stream?: SseStream }> {
    const abort = new AbortController();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    if (response.status !== 200 || !response.body) return { response };
    const stream = new SseStream(response, abort);
    void stream.pump(response.body);
    return { response, stream };
  }

  private push(item: Item): void {
    this.items.push(item);
    this.wake?.();
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const parser = createParser({
      onEvent: (e) => this.push({ kind: 'event', event: e.event, id: e.id, data: e.data }),
      onComment: (comment) => this.push({ kind: 'comment', comment: comment.trim() }),
      onRetry: (retry) => this.push({ kind: 'retry', retry }),
    });
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) parser.feed(decoder.decode(chunk, { stream: true }));
    } catch {
      /* aborted by the test */
    }
    this.push({ kind: 'end' });
  }

  /** The next item not yet taken, waiting up to `timeoutMs`. */
  async next(timeoutMs = 5_000): Promise<Item> {
    const deadline = Date.now() + timeoutMs;
    while (this.read >= this.items.length) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no stream item within ${timeoutMs} ms; read so far: ${JSON.stringify(this.items)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    return this.items[this.read++]!;
  }

  /** Skips heartbeats; the next event (or the end). */
  async nextEvent(timeoutMs = 5_000): Promise<Item> {
    for (;;) {
      const item = await this.next(timeoutMs);
      if (item.kind !== 'comment') return item;
    }
  }

  /** The next `count` timeline events as parsed JSON, asserting ids match their seq. */
  async timeline(count: number, timeoutMs = 5_000): Promise<Array<Record<string, any>>> {
    const out: Array<Record<string, any>> = [];
    while (out.length < count) {
      const item = await this.nextEvent(timeoutMs);
      if (item.kind !== 'event') throw new Error(`expected a timeline event, got ${JSON.stringify(item)}`);
      if (item.event !== 'timeline') throw new Error(`unexpected event type ${item.event}`);
      const data = JSON.parse(item.data) as Record<string, any>;
      if (String(data.seq) !== item.id) throw new Error(`id ${item.id} is not seq ${data.seq}`);
      out.push(data);
    }
    return out;
  }

  close(): void {
    this.abortController.abort();
  }
}
