/**
 * A Server-Sent Events parser (WHATWG HTML, "Parsing an event stream") for the one stream the tracker
 * follows: a few hundred bytes where eventsource-parser weighed 1.5 KB gzip in the tracker's download.
 * Text in (TextDecoderStream already dropped any BOM), events out; `retry:` reported as it comes.
 */

export interface StreamEvent {
  /** The `event:` field; undefined for the default `message` type. */
  event: string | undefined;
  /** The `id:` field of this event, if it had one. */
  id: string | undefined;
  data: string;
}

export interface EventStreamParser {
  feed(chunk: string): void;
}

export function createEventStreamParser(onEvent: (event: StreamEvent) => void, onRetry: (ms: number) => void): EventStreamParser {
  /** The start of a line whose end has not arrived yet. */
  let rest = '';
  let data: string[] = [];
  let event: string | undefined;
  let id: string | undefined;
  const line = (text: string) => {
    if (!text) {
      // A blank line ends an event; one without data is no event (the spec resets the buffers either way).
      if (data.length) onEvent({ event, id, data: data.join('\n') });
      data = [];
      event = id = undefined;
      return;
    }
    const colon = text.indexOf(':');
    if (colon === 0) return; // a comment (the server's heartbeat)
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + (text[colon + 1] === ' ' ? 2 : 1));
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value || undefined;
    else if (field === 'id' && !value.includes('\0')) id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) onRetry(Number(value));
  };
  /** The last chunk ended in CR: a LF opening the next one is the rest of that CRLF, not a blank line. */
  let afterCR = false;
  return {
    feed(chunk) {
      if (!chunk) return;
      if (afterCR && chunk[0] === '\n') chunk = chunk.slice(1);
      afterCR = chunk.endsWith('\r');
      // Lines end in CRLF, LF or CR; the last piece is a line still to be completed.
      const lines = (rest + chunk).split(/\r\n?|\n/);
      rest = lines.pop()!;
      lines.forEach(line);
    },
  };
}
