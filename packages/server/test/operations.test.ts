// What operators rely on, against the real server process: Prometheus metrics at /metrics (and who may read
// them), request ids, and a graceful SIGTERM with a realtime socket open and a write in flight.
import { request as httpRequest } from 'node:http';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, request, visitor, visitorSocket } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
}, 120_000);
afterAll(() => server?.stop());

const scrape = async (s: TestServer, headers: Record<string, string> = {}) => {
  const response = await fetch(`${s.url}/metrics`, { headers });
  return { status: response.status, text: await response.text() };
};
/** The value of one sample line, e.g. `frontdesk_messages_total`. */
const sample = (text: string, name: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : Number.NaN;
};

describe('/metrics', () => {
  it('reports HTTP latency by route and status, sockets, messages, events and search', async () => {
    const v = await visitor(server);
    const socket = visitorSocket(server, v.token);
    await socket.until((frames) => frames.some((f) => f.frame === 'hello'));
    await conversation(server, v.token, 'Counted');
    await request(server, 'GET', '/v1/help/search?q=delivery&locale=en');
    const { status, text } = await scrape(server);
    expect(status).toBe(200);
    expect(text).toMatch(
      /frontdesk_http_request_duration_seconds_count\{method="POST",route="\/v1\/session",status="200"\} 1/,
    );
    expect(text).toMatch(/route="\/v1\/conversations",status="201"/);
    expect(sample(text, 'frontdesk_realtime_sockets')).toBe(1);
    expect(sample(text, 'frontdesk_messages_total')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/frontdesk_events_total\{type="message.created"\} [1-9]/);
    expect(sample(text, 'frontdesk_search_duration_seconds_count')).toBe(1);
    expect(text).toContain('# TYPE frontdesk_webhook_deliveries_total counter');
    expect(text).toContain('# TYPE frontdesk_db_pool_connections gauge');
    expect(text).toContain('process_resident_memory_bytes');
    socket.close();
  });

  it('answers only on loopback without METRICS_TOKEN (not through a proxy), and only with the token when set', async () => {
    const proxied = await scrape(server, { 'x-forwarded-for': '203.0.113.9' });
    expect(proxied.status).toBe(403);
    expect(proxied.text).toContain('METRICS_TOKEN');

    const guarded = await startServer({ env: { METRICS_TOKEN: 'metrics-secret-1' } });
    try {
      expect((await scrape(guarded)).status).toBe(403);
      expect((await scrape(guarded, { authorization: 'Bearer wrong' })).status).toBe(403);
      const ok = await scrape(guarded, { authorization: 'Bearer metrics-secret-1' });
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('frontdesk_http_request_duration_seconds');
    } finally {
      await guarded.stop();
    }
  }, 60_000);
});

describe('request ids', () => {
  it('echoes a caller id and gives every other request a fresh one', async () => {
    const given = await request(server, 'GET', '/v1/config?siteKey=nope', {
      site: null,
      headers: { 'x-request-id': 'lb-1234' },
    });
    expect(given.headers.get('x-request-id')).toBe('lb-1234');
    const fresh = await request(server, 'GET', '/v1/config?siteKey=nope', {
      site: null,
      headers: { 'x-request-id': 'bad id <>' },
    });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('SIGTERM', () => {
  it('stops accepting, closes sockets with 1012 (reconnect) and finishes the write in flight', async () => {
    const target = await startServer();
    try {
      const v = await visitor(target);
      const { conversation: conv } = await conversation(target, v.token, 'First');
      const socket = visitorSocket(target, v.token);
      await socket.until((frames) => frames.some((f) => f.frame === 'hello'));

      // A message whose body is only half sent when the server is told to stop.
      const body = JSON.stringify({ clientId: cid('msg'), text: 'Sent during shutdown' });
      const url = new URL(`${target.url}/v1/conversations/${conv.id}/messages`);
      let resolveReply: (value: { status: number; body: string }) => void = () => undefined;
      const reply = new Promise<{ status: number; body: string }>((resolve) => {
        resolveReply = resolve;
      });
      const req = httpRequest(
        url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-frontdesk-site': target.siteKey,
            authorization: `Bearer ${v.token}`,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
          });
          res.on('end', () => resolveReply({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.write(body.slice(0, 10));
      // Wait until the server is handling it (the scrape itself is the other request in flight).
      for (let i = 0; i < 100; i++) {
        if (sample((await scrape(target)).text, 'frontdesk_http_requests_in_flight') >= 2) break;
        await new Promise((r) => setTimeout(r, 50));
      }

      process.kill(target.pid, 'SIGTERM');
      expect(await socket.closed).toBe(1012);
      await expect(fetch(`${target.url}/healthz`)).rejects.toThrow();

      req.end(body.slice(10));
      const answer = await reply;
      expect(answer.status).toBe(201);
      expect(JSON.parse(answer.body).text).toBe('Sent during shutdown');

      await target.restart();
      const messages = await request(target, 'GET', `/v1/conversations/${conv.id}/messages`, {
        token: v.token,
      });
      expect(messages.body.map((m: { text: string }) => m.text)).toContain('Sent during shutdown');
    } finally {
      await target.stop();
    }
  }, 90_000);
});
