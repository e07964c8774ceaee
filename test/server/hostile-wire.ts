/**
 * A raw HTTP/1.1 client on one TCP connection (node:net), so a test sees exactly what crosses the wire:
 * interim `100 Continue` answers, `Connection` headers, and when the server closes the socket. Fetch and
 * `node:http` hide all three (they retry, pool, and turn a close into a generic error).
 */
import { connect, type Socket } from 'node:net';

export interface WireAnswer {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: Buffer;
  /** The body as UTF-8. */
  text: string;
}

export interface WireRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent with `Content-Length` unless `headers` says `Transfer-Encoding` (then the caller frames it). */
  body?: string | Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const LINE_END = Buffer.from('\r\n');

export class WireConnection {
  private buffered = Buffer.alloc(0);
  private waiting: { resolve: (a: WireAnswer) => void; reject: (e: Error) => void } | undefined;
  private readonly answers: WireAnswer[] = [];
  /** True once the server ended or reset the connection. */
  closedByServer = false;
  /** Resolves when the socket is closed, whoever closed it. */
  readonly closed: Promise<void>;

  private closedByUs = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.parse();
    });
    // A server reset or an write after the server closed surfaces as an error; the close event follows.
    socket.on('error', () => {});
    socket.on('end', () => {
      this.closedByServer = true;
      this.parse();
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', () => {
        this.closedByServer ||= !this.closedByUs;
        this.parse();
        this.fail(new Error(`connection closed with ${this.buffered.length} unparsed bytes: ${this.buffered.subarray(0, 200).toString()}`));
        resolve();
      }),
    );
  }

  static open(url: string): Promise<WireConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) }, () => {
        socket.off('error', reject);
        resolve(new WireConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Writes raw bytes; false when the socket can no longer be written to. */
  write(data: string | Buffer): boolean {
    if (this.socket.destroyed || this.socket.writableEnded) return false;
    this.socket.write(data);
    return true;
  }

  /** The head of a request, with `Content-Length` for a body given as a whole. */
  static head(req: WireRequest, host = 'k100.test'): string {
    const headers: Record<string, string> = { host, ...req.headers };
    const framed = Object.keys(headers).some((h) => /^(content-length|transfer-encoding)$/i.test(h));
    if (req.body !== undefined && !framed) headers['content-length'] = String(Buffer.byteLength(req.body));
    return `${req.method} ${req.path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  }

  /** Sends a whole request and resolves with its final answer (interim 1xx answers are skipped). */
  async request(req: WireRequest): Promise<WireAnswer> {
    this.write(WireConnection.head(req));
    if (req.body !== undefined) this.write(req.body);
    for (;;) {
      const answer = await this.next();
      if (answer.status >= 200) return answer;
    }
  }

  /** The next answer on the connection, interim ones included; rejects if the connection closes first. */
  next(): Promise<WireAnswer> {
    const ready = this.answers.shift();
    if (ready) return Promise.resolve(ready);
    if (this.socket.destroyed) return Promise.reject(new Error('connection already closed'));
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  /** Whether an answer is already parsed and waiting (an early answer, sent before the body ended). */
  get pending(): number {
    return this.answers.length;
  }

  close(): void {
    this.closedByUs = true;
    this.socket.destroy();
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }

  private parse(): void {
    for (;;) {
      const answer = this.takeAnswer();
      if (!answer) return;
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) waiting.resolve(answer);
      else this.answers.push(answer);
    }
  }

  /** Cuts one complete answer off the buffer, or returns undefined until more bytes arrive. */
  private takeAnswer(): WireAnswer | undefined {
    const headEnd = this.buffered.indexOf(HEADER_END);
    if (headEnd < 0) return undefined;
    const [statusLine = '', ...lines] = this.buffered.subarray(0, headEnd).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
    if (!Number.isInteger(status)) throw new Error(`not an HTTP answer: ${statusLine}`);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    const rest = this.buffered.subarray(headEnd + HEADER_END.length);
    const framed = status < 200 || status === 204 || status === 304 ? { body: Buffer.alloc(0), used: 0 } : frame(rest, headers, this.socket.readableEnded || this.socket.destroyed);
    if (!framed) return undefined;
    this.buffered = rest.subarray(framed.used);
    return { status, headers, body: framed.body, text: framed.body.toString('utf8') };
  }
}

/** The body at the start of `rest`, by Content-Length, chunks, or (neither) up to the close. */
function frame(rest: Buffer, headers: Record<string, string>, ended: boolean): { body: Buffer; used: number } | undefined {
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = rest.indexOf(LINE_END, at);
      if (lineEnd < 0) return undefined;
      const size = parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
      const start = lineEnd + LINE_END.length;
      if (size === 0) {
        const trailerEnd = rest.indexOf(LINE_END, start);
        return trailerEnd < 0 ? undefined : { body: Buffer.concat(parts), used: trailerEnd + LINE_END.length };
      }
      if (rest.length < start + size + LINE_END.length) return undefined;
      parts.push(rest.subarray(start, start + size));
      at = start + size + LINE_END.length;
    }
  }
  const length = headers['content-length'];
  if (length !== undefined) {
    const n = Number(length);
    return rest.length < n ? undefined : { body: rest.subarray(0, n), used: n };
  }
  return ended ? { body: rest, used: rest.length } : undefined;
}
