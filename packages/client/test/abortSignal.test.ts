import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpBackend } from '@frontdesk/client/http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// Browsers we support without `AbortSignal.any` (Safari < 17.4, Chrome < 116, Firefox < 124) or
// `AbortSignal.timeout` (Safari < 16): a request with both a timeout and a caller's signal (the long poll) must
// still be sent, time out, and stop when the caller aborts. Real requests to a local server; only the missing APIs
// are taken away.
type Held = { url: URL; closed: Promise<void> };
let answer: (url: URL, res: ServerResponse) => boolean = () => false;
const held: Held[] = [];
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
  held.push({ url, closed });
  // Not answered: held open like a long poll with nothing to say, until the client gives up.
  answer(url, res);
});
let base = '';
const { any, timeout } = AbortSignal;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  delete (AbortSignal as { any?: unknown }).any;
  delete (AbortSignal as { timeout?: unknown }).timeout;
});
afterAll(async () => {
  AbortSignal.any = any;
  AbortSignal.timeout = timeout;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  held.length = 0;
  answer = () => false;
});

const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)),
  ]);

const event = { type: 'message.created', seq: 1, at: '2026-01-01T00:00:00.000Z' };

describe('requests without AbortSignal.any and AbortSignal.timeout', () => {
  it('polls with the caller signal, gets events, and the caller aborting cancels the held request', async () => {
    expect('any' in AbortSignal || 'timeout' in AbortSignal).toBe(false);
    // The first poll (no wait) answers one event; the next one is held open.
    answer = (url, res) => {
      if (url.searchParams.get('wait') !== '0') return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ events: [event], hasMore: false }));
      return true;
    };
    const backend = httpBackend({ url: base, siteKey: 'demo', realtime: 'poll' });
    const received: number[] = [];
    const states: string[] = [];
    let opened!: () => void;
    const open = new Promise<void>((resolve) => {
      opened = resolve;
    });
    const close = backend.subscribe(0, {
      event: (e) => received.push(e.seq),
      status: (state) => {
        states.push(state);
        if (state === 'open') opened();
      },
    });
    await within(open, 5000, 'link open');
    expect(received).toEqual([1]);
    // The second poll waits on the server.
    for (let i = 0; i < 100 && held.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(held[1]?.url.searchParams.get('wait')).toBe('25');
    close();
    await within(held[1]!.closed, 2000, 'held poll cancelled');
    expect(states).toEqual(['connecting', 'open']);
  });

  it('times out a held request and reports the link closed', async () => {
    const backend = httpBackend({ url: base, siteKey: 'demo', realtime: 'poll', timeout: 300 });
    const started = Date.now();
    const closed = new Promise<Error | undefined>((resolve) => {
      backend.subscribe(0, {
        event: () => undefined,
        status: (state, error) => state === 'closed' && resolve(error),
      });
    });
    const error = await within(closed, 5000, 'link closed by the timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(error).toMatchObject({ code: 'network' });
    expect(held).toHaveLength(1);
    await within(held[0]!.closed, 2000, 'request closed');
  });
});
