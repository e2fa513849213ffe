import { type Client, createClient, memoryStorage } from '@frontdesk/client';
import { httpBackend } from '@frontdesk/client/http';
import type { SearchHit, StreamEvent } from '@frontdesk/protocol';
import type { TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { agentSocket, cid, conversation, login, request, visitor } from '../../packages/server/test/helpers';
import {
  type Cluster,
  clusterServicesAvailable,
  startCluster,
  type WebhookReceiver,
  webhookReceiver,
  within,
} from './harness';

// Issue #11: three server processes on one PostgreSQL and one Redis, behind a round-robin proxy written for the
// test (no sticky sessions). Visitors use the real @frontdesk/client over Node's WebSocket; agents talk to nodes.
const available = await clusterServicesAvailable();

let receiver: WebhookReceiver;
let cluster: Cluster;

describe.skipIf(!available)('three nodes behind a round-robin proxy (PostgreSQL + Redis)', () => {
  beforeAll(async () => {
    receiver = await webhookReceiver();
    cluster = await startCluster({
      RATE_LIMIT_IP: '0',
      RATE_LIMIT_VISITOR: '120',
      WEBHOOK_RETRY_MS: '100',
      WEBHOOK_DEV_HOSTS: `127.0.0.1:${receiver.port}`,
      PRESENCE_GRACE_MS: '500',
      PRESENCE_HEARTBEAT_MS: '300',
    });
  }, 180_000);
  afterAll(async () => {
    await cluster?.stop();
    await receiver?.close();
  });

  const nodes = () => cluster.nodes;
  const search = async (node: TestServer, q: string) =>
    (
      await request<SearchHit[]>(node, 'GET', `/v1/help/search?q=${encodeURIComponent(q)}&locale=en`)
    ).body.map((h) => h.slug);

  it('three nodes started at once on an empty database all serve, with one seeded site', async () => {
    for (const node of nodes()) {
      expect((await fetch(`${node.url}/readyz`)).status).toBe(200);
      const session = await visitor(node);
      expect(session.visitor.id).toMatch(/\S/);
      const admin = await login(node, 'admin');
      const sites = await request(node, 'GET', '/v1/agent/sites', { site: null, token: admin });
      expect(sites.body).toHaveLength(1);
    }
  });

  it('an article published on node A is found on nodes B and C within one second', async () => {
    const [a, b, c] = nodes() as [TestServer, TestServer, TestServer];
    // B and C built their indexes before the change: a search reads memory only.
    expect(await search(b, 'gondola')).toEqual([]);
    expect(await search(c, 'gondola')).toEqual([]);
    const token = await login(a, 'admin');
    const put = await request(a, 'PUT', '/v1/admin/articles/art-gondola', {
      site: null,
      token,
      body: {
        slug: 'gondola-tours',
        status: 'published',
        translations: { en: { title: 'Gondola tours', body: 'Book a gondola at the front desk.' } },
      },
    });
    expect(put.status).toBe(200);
    const took = await Promise.all(
      [b, c].map((node) =>
        within(1000, async () => (await search(node, 'gondola')).includes('gondola-tours'), 'found'),
      ),
    );
    console.log(`article found on B in ${took[0]} ms, on C in ${took[1]} ms`);
  });

  it('node-local caches hear of a change on another node at once: config, erased visitors, refused origins', async () => {
    const [a, b, c] = nodes() as [TestServer, TestServer, TestServer];
    const admin = await login(a, 'admin');
    // Site config: pushed on A, served by B and C at once (their cache would keep it 5 s).
    for (const node of [b, c]) await request(node, 'GET', '/v1/config');
    const current = await request(a, 'GET', '/v1/admin/config', { site: null, token: admin });
    const config = { ...current.body.config, name: 'Pushed through the bus' };
    const pushed = await request(a, 'POST', '/v1/admin/config', {
      site: null,
      token: admin,
      body: { config },
    });
    expect(pushed.status).toBe(201);
    for (const node of [b, c])
      await within(
        1000,
        async () => (await request(node, 'GET', '/v1/config')).body.config.name === config.name,
        'config',
      );
    // A visitor B and C know (remembered 10 s), erased on A: refused on B and C at once.
    const v = await visitor(a);
    for (const node of [b, c])
      expect((await request(node, 'GET', '/v1/conversations', { token: v.token })).status).toBe(200);
    const erased = await request(a, 'DELETE', `/v1/admin/visitors/${v.visitor.id}`, {
      site: null,
      token: admin,
    });
    expect(erased.status).toBe(204);
    for (const node of [b, c])
      await within(
        1000,
        async () => (await request(node, 'GET', '/v1/conversations', { token: v.token })).status === 401,
        'erased visitor refused',
      );
    // An origin refused on A is offered in the console whichever node it asks.
    const origin = 'https://not-yet-allowed.example';
    expect((await request(a, 'POST', '/v1/session', { origin, body: {} })).status).toBe(403);
    for (const node of [b, c])
      await within(
        1000,
        async () =>
          (
            await request(node, 'GET', '/v1/admin/config/refused-origins', { site: null, token: admin })
          ).body.origins.some((o: { origin: string }) => o.origin === origin),
        'refused origin listed',
      );
  });

  it('a webhook is delivered once per event, whichever node made the change', async () => {
    const a = nodes()[0]!;
    const admin = await login(a, 'admin');
    const current = await request(a, 'GET', '/v1/admin/config', { site: null, token: admin });
    const url = `http://127.0.0.1:${receiver.port}/hook`;
    const config = { ...current.body.config, webhooks: [{ url, events: ['conversation.created'] }] };
    expect(
      (await request(a, 'POST', '/v1/admin/config', { site: null, token: admin, body: { config } })).status,
    ).toBe(201);
    // Every node uses the pushed config at once (the push tells them through the bus).
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) {
      const node = nodes()[i % 3]!;
      const v = await visitor(node);
      ids.push((await conversation(node, v.token, `hook ${i}`)).conversation.id);
    }
    await within(
      10_000,
      () => ids.every((id) => receiver.hooks.some((h) => h.conversation === id)),
      'delivered',
    );
    // Longer than a claimed delivery's 30 s lease is not needed: retries run every 100 ms, a duplicate would show.
    await new Promise((r) => setTimeout(r, 1500));
    const mine = receiver.hooks.filter((h) => ids.includes(h.conversation));
    expect(mine).toHaveLength(9);
    expect(new Set(mine.map((h) => h.delivery)).size).toBe(9);
    expect(new Set(mine.map((h) => h.conversation)).size).toBe(9);
  });

  it('a node killed with SIGKILL mid-stream: clients move to the others, nothing lost, doubled or reordered', async () => {
    const VISITORS = 3;
    const PER_VISITOR = 100; // the agent's numbered replies to each visitor: 300 in all
    const FROM_VISITOR = 40; // numbered messages each visitor sends meanwhile
    const seen: number[][] = [];
    const clients: Client[] = [];
    for (let v = 0; v < VISITORS; v++) {
      const backend = httpBackend({
        url: cluster.proxy.url,
        siteKey: nodes()[0]!.siteKey,
        WebSocket: WebSocket as never,
      });
      // Every stored event the realtime link hands over, before the client's own de-duplication.
      const log: number[] = [];
      seen.push(log);
      const tapped = Object.create(backend) as typeof backend;
      tapped.subscribe = (after, handlers) =>
        backend.subscribe(after, {
          ...handlers,
          event(event: StreamEvent) {
            if (event.type === 'message.created' && event.message.author.kind === 'agent')
              log.push(Number(event.message.text.split(' ')[1]));
            handlers.event(event);
          },
        });
      clients.push(
        createClient({
          backend: tapped,
          storage: memoryStorage(),
          tabs: false,
          reconnect: { min: 50, max: 500 },
        }),
      );
    }
    try {
      for (const client of clients) await within(20_000, () => client.status.value === 'online', 'online');
      const convs = clients.map((client, v) => client.startConversation({ text: `visitor ${v} starts` }));
      await within(
        10_000,
        () => clients.every((client) => client.conversations.value[0]?.id),
        'conversations stored',
      );
      const ids = clients.map((client) => client.conversations.value[0]!.id!);
      const tokens = await Promise.all(nodes().map((node) => login(node)));
      let killed = -1;
      // Replies go to the live nodes in turn; a failed one is retried elsewhere with the same clientId (idempotent).
      const reply = async (v: number, n: number) => {
        const clientId = `reply-${v}-${n}`;
        for (let attempt = 0; ; attempt++) {
          const i = (n + attempt) % 3;
          if (i === killed) continue;
          const sent = await request(nodes()[i]!, 'POST', `/v1/agent/conversations/${ids[v]}/messages`, {
            site: null,
            token: tokens[i],
            body: { clientId, text: `reply ${n}` },
          }).catch(() => null);
          if (sent && sent.status < 300) return;
          if (attempt > 20) throw new Error(`reply ${n} to visitor ${v} failed`);
        }
      };
      for (let n = 1; n <= PER_VISITOR; n++) {
        if (n === PER_VISITOR / 2) {
          // The node holding the most proxied connections (the visitors' sockets among them) dies at once.
          const ports = nodes().map((node) => Number(new URL(node.url).port));
          const counts = ports.map((p) => cluster.proxy.count(p));
          killed = counts.indexOf(Math.max(...counts));
          console.log(`killing node ${killed} (connections per node: ${counts.join('/')})`);
          await nodes()[killed]!.kill();
        }
        if (n <= FROM_VISITOR)
          for (const [v, client] of clients.entries())
            client.sendMessage(convs[v]!.clientId, `visitor ${v} says ${n}`);
        await Promise.all(ids.map((_, v) => reply(v, n)));
      }
      await within(
        60_000,
        () =>
          clients.every((client) => {
            const messages = client.conversations.value[0]!.messages;
            return (
              messages.filter((m) => m.author.kind === 'agent').length >= PER_VISITOR &&
              messages.every((m) => m.status !== 'sending')
            );
          }),
        'every reply received and every visitor message sent',
      );
      const totals = { delivered: 0, lost: 0, duplicated: 0, reordered: 0 };
      for (let v = 0; v < VISITORS; v++) {
        const log = seen[v]!;
        const numbers = new Set(log);
        totals.delivered += log.length;
        for (let n = 1; n <= PER_VISITOR; n++) if (!numbers.has(n)) totals.lost++;
        totals.duplicated += log.length - numbers.size;
        for (let i = 1; i < log.length; i++) if (log[i]! < log[i - 1]!) totals.reordered++;
        // What the visitor sees, and what was stored from the visitor: each once, in order.
        const shown = clients[v]!.conversations.value[0]!.messages;
        expect(shown.filter((m) => m.author.kind === 'agent').map((m) => m.text)).toEqual(
          Array.from({ length: PER_VISITOR }, (_, i) => `reply ${i + 1}`),
        );
        const live = nodes().find((_, i) => i !== killed)!;
        const stored = await request(live, 'GET', `/v1/agent/conversations/${ids[v]}/messages?limit=500`, {
          site: null,
          token: tokens[nodes().indexOf(live)],
        });
        const fromVisitor = (stored.body as { text: string; author: { kind: string } }[])
          .filter((m) => m.author.kind === 'visitor')
          .map((m) => m.text);
        expect(fromVisitor).toEqual([
          `visitor ${v} starts`,
          ...Array.from({ length: FROM_VISITOR }, (_, i) => `visitor ${v} says ${i + 1}`),
        ]);
      }
      console.log(
        `SIGKILL test: ${VISITORS * PER_VISITOR} replies sent, ${totals.delivered} delivered to clients, ` +
          `lost ${totals.lost}, duplicated ${totals.duplicated}, reordered ${totals.reordered}`,
      );
      expect(totals).toMatchObject({ lost: 0, duplicated: 0, reordered: 0 });
      await nodes()[killed]!.restart();
    } finally {
      for (const client of clients) client.destroy();
    }
  }, 120_000);

  it('a visitor on long polling sees the team typing, told on another node', async () => {
    const client = createClient({
      backend: httpBackend({
        url: cluster.proxy.url,
        siteKey: nodes()[0]!.siteKey,
        WebSocket: WebSocket as never,
        realtime: 'poll',
      }),
      storage: memoryStorage(),
      tabs: false,
    });
    try {
      await within(20_000, () => client.status.value === 'online', 'online');
      client.startConversation({ text: 'polling here' });
      await within(10_000, () => Boolean(client.conversations.value[0]?.id), 'stored');
      const id = client.conversations.value[0]!.id!;
      // Typing is sent again every second or so while it lasts; each poll on any node must carry it.
      const token = await login(nodes()[0]!);
      const typingAt = async () => {
        for (const node of nodes())
          await request(node, 'POST', `/v1/agent/conversations/${id}/typing`, {
            site: null,
            token,
            body: { typing: true },
          });
      };
      const start = Date.now();
      await typingAt();
      await within(
        5000,
        async () => {
          if (client.typing.value.some((t) => t.conversation === client.conversations.value[0]!.clientId))
            return true;
          await typingAt();
          return false;
        },
        'typing shown to a polling visitor',
      );
      console.log(`typing reached the long-polling visitor ${Date.now() - start} ms after it was sent`);
    } finally {
      client.destroy();
    }
  });

  it('presence is the same on every node, and an agent whose node was killed goes offline', async () => {
    const [a, b, c] = nodes() as [TestServer, TestServer, TestServer];
    const token = await login(a);
    const availabilityOn = async (node: TestServer) => (await visitor(node)).availability.status;
    const onA = agentSocket(a, token);
    const onB = agentSocket(b, token);
    await onA.until((frames) => frames.some((f) => f.frame === 'hello'));
    await onB.until((frames) => frames.some((f) => f.frame === 'hello'));
    expect(
      (await request(c, 'POST', '/v1/agent/presence', { site: null, token, body: { status: 'online' } }))
        .status,
    ).toBe(200);
    for (const node of nodes()) expect(await availabilityOn(node)).toBe('online');
    // The socket on B closes; the one on A stays: B must not set the agent offline after its grace period.
    onB.close();
    await new Promise((r) => setTimeout(r, 2000));
    for (const node of nodes()) expect(await availabilityOn(node)).toBe('online');
    // Node A dies without a word: its row stops being renewed, and B or C sets the agent offline.
    const killedAt = Date.now();
    await a.kill();
    const took = await within(
      10_000,
      async () => (await availabilityOn(b)) === 'offline' && (await availabilityOn(c)) === 'offline',
      'agent offline on B and C',
    );
    console.log(
      `agent of a killed node shown offline after ${took} ms (${Date.now() - killedAt} ms after the kill)`,
    );
    await a.restart();
    expect(await availabilityOn(a)).toBe('offline');
  }, 60_000);

  // Limits are counted in Redis (or PostgreSQL), not per node: through the round-robin proxy a visitor still
  // gets the limit once, not three times.
  it('rate limits hold cluster-wide: 120 writes a minute per visitor, whichever nodes they reach', async () => {
    const v = await visitor(nodes()[0]!);
    const { conversation: conv } = await conversation(nodes()[0]!, v.token, 'limits');
    const statuses: number[] = [];
    for (let i = 0; i < 180; i++) {
      const reply = await request(nodes()[i % 3]!, 'POST', `/v1/conversations/${conv.id}/messages`, {
        token: v.token,
        body: { clientId: cid(), text: `n${i}` },
      });
      statuses.push(reply.status);
    }
    // The first write (the conversation) counts too: at most 119 more are accepted.
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(119);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(60);
  });

  // Uploads are in PostgreSQL, not in a node's data folder.
  it('a file uploaded on one node downloads from every other node', async () => {
    const v = await visitor(nodes()[0]!);
    const form = new FormData();
    form.set('file', new Blob(['cluster bytes'], { type: 'text/plain' }), 'note.txt');
    const uploaded = await fetch(`${nodes()[0]!.url}/v1/uploads`, {
      method: 'POST',
      headers: { 'x-frontdesk-site': nodes()[0]!.siteKey, authorization: `Bearer ${v.token}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const { url } = (await uploaded.json()) as { url: string };
    for (const node of nodes().slice(1)) {
      const download = await fetch(`${node.url}${url}`, { headers: { authorization: `Bearer ${v.token}` } });
      expect(download.status).toBe(200);
      expect(await download.text()).toBe('cluster bytes');
    }
  });
});
