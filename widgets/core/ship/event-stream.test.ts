import { expect } from '@open-wc/testing';
import { createEventStreamParser, type StreamEvent } from './event-stream.js';

/** Feeds the chunks in order and returns the events and `retry:` values the parser reported. */
function parse(...chunks: string[]) {
  const events: StreamEvent[] = [];
  const retries: number[] = [];
  const parser = createEventStreamParser((event) => events.push(event), (ms) => retries.push(ms));
  for (const chunk of chunks) parser.feed(chunk);
  return { events, retries };
}

describe('event stream parser', () => {
  it('reads id, event and data, one event per blank line', () => {
    const { events } = parse('id: 1\nevent: timeline\ndata: {"a":1}\n\nid: 2\nevent: timeline\ndata: {"a":2}\n\n');
    expect(events).to.deep.equal([
      { id: '1', event: 'timeline', data: '{"a":1}' },
      { id: '2', event: 'timeline', data: '{"a":2}' },
    ]);
  });

  it('joins data lines with a newline and takes a field without a space after the colon', () => {
    expect(parse('data:one\ndata: two\ndata\n\n').events).to.deep.equal([{ id: undefined, event: undefined, data: 'one\ntwo\n' }]);
  });

  it('waits for the blank line, however the stream is cut into chunks', () => {
    const stream = 'id: 7\r\nevent: timeline\r\ndata: x\r\n\r\n';
    for (let cut = 1; cut < stream.length; cut++) {
      expect(parse(stream.slice(0, cut), stream.slice(cut)).events, `cut at ${cut}`).to.deep.equal([
        { id: '7', event: 'timeline', data: 'x' },
      ]);
    }
    expect(parse('id: 7\nevent: timeline\ndata: x\n').events).to.deep.equal([]);
  });

  it('accepts CR alone as a line end', () => {
    expect(parse('event: timeline\rdata: x\r\r', 'data: y\r\r').events).to.deep.equal([
      { id: undefined, event: 'timeline', data: 'x' },
      { id: undefined, event: undefined, data: 'y' },
    ]);
  });

  it('ignores comments, unknown fields, events without data and ids with NUL; ids do not carry over', () => {
    const { events } = parse(': heartbeat\n\nfoo: bar\nid: 3\n\nid: a\0b\ndata: z\n\ndata: w\n\n');
    expect(events).to.deep.equal([
      { id: undefined, event: undefined, data: 'z' },
      { id: undefined, event: undefined, data: 'w' },
    ]);
  });

  it('reports retry: only when it is all digits', () => {
    expect(parse('retry: 2500\n\nretry: 1e3\n\nretry: -5\n\n').retries).to.deep.equal([2500]);
  });
});
