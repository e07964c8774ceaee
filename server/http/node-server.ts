/**
 * The app on a Node HTTP/1.1 socket: @hono/node-server's adaptor, plus what it leaves to chance on a
 * keep-alive connection: the unread rest of a body the app answered early, `Expect: 100-continue`, and
 * the server's timeouts.
 *
 * Why not the adaptor's own cleanup (`autoCleanupIncoming`): after an early answer it drains the body,
 * but gives the rest of it 500 ms to arrive and then destroys the socket. That answer went out with
 * keep-alive, so a client still uploading (a 200 KB body refused 403 on a busy machine, or a slow link)
 * learns of the close only when its next request on the connection fails ("other side closed").
 */
import { createAdaptorServer } from '@hono/node-server';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { MAX_BODY_BYTES } from './errors.js';

export interface ServerTimeouts {
  /** Request line and headers. */
  headersMs: number;
  /** The whole request, body included. */
  requestMs: number;
  /** An idle keep-alive connection. */
  keepAliveMs: number;
  /** How long a closing connection still reads what the client sends (see `closeLingering`). */
  lingerMs: number;
  /** How often Node enforces `headersMs` and `requestMs`; a limit can be overrun by up to this much. */
  checkIntervalMs: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = {
  // Any real client sends its headers in well under a second; 15 s is what a slow-loris client holds a socket.
  headersMs: 15_000,
  // A 1 MB body (the limit) at a slow 200 kbit/s takes 40 s.
  requestMs: 60_000,
  // Outlasts the 60 s idle timeout of common proxies and load balancers (AWS ALB, nginx's keepalive_timeout),
  // so an idle connection is closed by the proxy. The other way round, the proxy can send a request on a
  // socket the server is closing at that moment, and answers its client 502.
  keepAliveMs: 65_000,
  lingerMs: 2_000,
  // Node's default, 30 s, would let a 15 s headers limit run to 45 s.
  checkIntervalMs: 2_000,
};

export interface ServeAppOptions {
  port: number;
  hostname?: string;
  /** Shorter limits for tests; production uses `SERVER_TIMEOUTS`. */
  timeouts?: Partial<ServerTimeouts>;
  /** The most of an unread body the server reads to keep a connection (more, and it closes it). */
  maxDrainBytes?: number;
}

interface FetchApp {
  fetch: Parameters<typeof createAdaptorServer>[0]['fetch'];
}

/** Starts listening; `onListening` gets the bound address (port 0 picks a free one). */
export function serveApp(app: FetchApp, opts: ServeAppOptions, onListening?: (address: AddressInfo) => void): Server {
  const timeouts = { ...SERVER_TIMEOUTS, ...opts.timeouts };
  const server = createAdaptorServer({
    fetch: app.fetch,
    autoCleanupIncoming: false,
    serverOptions: { connectionsCheckingInterval: timeouts.checkIntervalMs },
  }) as Server;
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  // Before the adaptor's listener, so the answer's `writeHead` is watched from the start.
  server.prependListener('request', settleUnreadBody(opts.maxDrainBytes ?? MAX_BODY_BYTES, timeouts.lingerMs));
  // Node answers `Expect: 100-continue` itself by asking for the body at once; ask only once the app reads it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    req.once('resume', () => {
      if (!res.headersSent) res.writeContinue();
    });
    server.emit('request', req, res);
  });
  server.listen(opts.port, opts.hostname, () => onListening?.(server.address() as AddressInfo));
  return server;
}

/**
 * When the answer starts before the request's body is all in, either the server reads (and discards) the
 * rest after answering, so the connection carries the next request, or it says `Connection: close` in
 * that answer and closes. It reads a declared body up to `maxDrainBytes`; it closes for a larger one, for a
 * chunked one (its size is unknown), and for one never asked for with `100 Continue` (the client may
 * not send it, and the next request's bytes would be parsed as this body).
 */
function settleUnreadBody(maxDrainBytes: number, lingerMs: number) {
  return function settleUnreadBody(req: IncomingMessage, res: ServerResponse): void {
    let closing = false;
    const writeHead = res.writeHead;
    res.writeHead = function writeHeadSettlingBody(this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      if (!req.complete && !drainable(req, res, maxDrainBytes)) {
        closing = true;
        this.shouldKeepAlive = false;
        closeLingering(req.socket, lingerMs);
      }
      return writeHead.apply(this, args);
    } as ServerResponse['writeHead'];
    res.once('finish', () => {
      if (closing || req.complete) return;
      // What Node does itself for a body nobody read (`IncomingMessage._dump`), also for one the app began
      // to read: a half-read stream would otherwise hold the socket paused.
      req.removeAllListeners('data');
      req.resume();
    });
  };
}

function drainable(req: IncomingMessage, res: ServerResponse, maxDrainBytes: number): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return false;
  const expectsContinue = /100-continue/i.test(req.headers.expect ?? '');
  if (expectsContinue && !(res as { _sent100?: boolean })._sent100) return false;
  return Number(req.headers['content-length'] ?? 0) <= maxDrainBytes;
}

/**
 * Node ends a `Connection: close` answer with `destroySoon()`: it destroys the socket as soon as the answer
 * is written, while the client may still be sending its body. The kernel then answers those bytes with a
 * reset, and a client that had not yet read the answer loses it (RFC 9112 §9.6). Instead: end our side,
 * go on reading and discarding for `lingerMs` (the client closes once it has the answer), then destroy.
 */
function closeLingering(socket: Socket, lingerMs: number): void {
  socket.destroySoon = function lingeringDestroySoon(this: Socket) {
    this.end();
    const timer = setTimeout(() => this.destroy(), lingerMs);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
  };
}
