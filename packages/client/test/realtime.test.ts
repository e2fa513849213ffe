import { httpBackend } from '@frontdesk/client/http';
import { afterEach, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';

afterEach(() => {
  vi.useRealTimers();
});

it('a realtime link that stops answering pings is reported closed (so the client reconnects and resyncs)', async () => {
  // A server that says hello and then goes silent: a half-open connection after a laptop sleeps.
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', (ws) => ws.send(JSON.stringify({ frame: 'hello', protocol: 1, cursor: 0 })));
  await new Promise((resolve) => wss.once('listening', resolve));
  const { port } = wss.address() as { port: number };
  vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
  const backend = httpBackend({
    url: `http://127.0.0.1:${port}`,
    siteKey: 'k',
    WebSocket: WebSocket as never,
  });
  const statuses: string[] = [];
  let closedWith: Error | undefined;
  const opened = new Promise<void>((resolve) => {
    backend.subscribe(0, {
      event: () => {},
      status: (status, error) => {
        statuses.push(status);
        if (status === 'open') resolve();
        if (status === 'closed') closedWith = error;
      },
    });
  });
  await opened;
  vi.advanceTimersByTime(25_000);
  expect(statuses).toEqual(['connecting', 'open']);
  vi.advanceTimersByTime(50_000);
  expect(statuses).toEqual(['connecting', 'open', 'closed']);
  expect(closedWith).toMatchObject({ name: 'NetworkError', code: 'network' });
  await new Promise<void>((resolve) => wss.close(() => resolve()));
});
