import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, request, visitor } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_VISITOR: '0', RATE_LIMIT_IP: '0' } });
}, 120_000);
afterAll(() => server?.stop());

describe('durability', () => {
  it('keeps every acknowledged message after a SIGKILL and a restart', async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token);
    const acknowledged = new Set<string>([]);
    let sending = true;
    // Several writers keep sending until the server dies under them.
    const writer = async (n: number) => {
      for (let i = 0; sending; i++) {
        const text = `w${n}-${i}`;
        try {
          const reply = await request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
            token: v.token,
            body: { clientId: cid(), text },
          });
          if (reply.status === 201) acknowledged.add(text);
        } catch {
          return; // connection refused: the server is gone
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.size < 40) await new Promise((r) => setTimeout(r, 20));
    await server.kill();
    sending = false;
    await Promise.all(writers);
    await server.restart();
    const stored = await request(server, 'GET', `/v1/conversations/${conv.id}/messages?limit=500`, {
      token: v.token,
    });
    const texts = new Set(stored.body.map((m: { text: string }) => m.text));
    const lost = [...acknowledged].filter((t) => !texts.has(t));
    expect(acknowledged.size).toBeGreaterThanOrEqual(40);
    expect(lost).toEqual([]);
    const seqs = stored.body.map((m: { seq: number }) => m.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    const events = await request(server, 'GET', '/v1/events?after=0&limit=500', { token: v.token });
    const eventSeqs = events.body.events.map((e: { seq: number }) => e.seq);
    expect(eventSeqs).toEqual(Array.from({ length: eventSeqs.length }, (_, i) => i + 1));
  }, 60_000);
});
