import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import {
  dropSchema,
  freshSchema,
  postgresAvailable,
  TEST_DATABASE_URL,
} from '../../packages/server/test/postgres';

/** The Redis the cluster suite uses (`TEST_REDIS_URL`, else the local one). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Are PostgreSQL and Redis both reachable? Locally the suite skips with a visible message when they are not;
 * under CI (`CI` set) a missing service fails the run instead of silently testing less.
 */
export async function clusterServicesAvailable(): Promise<boolean> {
  if (!(await postgresAvailable())) return false;
  const problem = await redisProblem(TEST_REDIS_URL);
  if (!problem) return true;
  if (process.env.CI) throw new Error(`Redis at ${TEST_REDIS_URL} is unreachable under CI: ${problem}`);
  console.warn(`\n⚠ SKIPPING the cluster suite: Redis at ${TEST_REDIS_URL} is unreachable (${problem}).\n`);
  return false;
}

/** A PING over a plain socket (the test package does not depend on a Redis client); null when it answers. */
function redisProblem(url: string): Promise<string | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname || '127.0.0.1');
    const timer = setTimeout(() => done('no answer in 2 s'), 2000);
    const done = (problem: string | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(problem);
    };
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG') ? null : data.toString().trim()));
    socket.once('error', (error) => done(error.message));
  });
}

/**
 * A round-robin TCP proxy: each new connection goes to the next backend that accepts it (a dead one is skipped),
 * bytes are piped both ways, so HTTP keep-alive and WebSockets stick to the node they reached. No stickiness.
 */
export class RoundRobinProxy {
  private readonly server: Server;
  private next = 0;
  /** Open connections per backend port. */
  readonly open = new Map<number, Set<Socket>>();
  url = '';

  constructor(private readonly ports: number[]) {
    this.server = createServer((client) => {
      client.on('error', () => undefined);
      this.route(client, 0);
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Connections now open to the backend on `port`. */
  count(port: number): number {
    return this.open.get(port)?.size ?? 0;
  }

  private route(client: Socket, tries: number): void {
    if (tries >= this.ports.length) return void client.destroy();
    const port = this.ports[this.next++ % this.ports.length]!;
    const upstream = connect(port, '127.0.0.1');
    let connected = false;
    client.pause();
    upstream.once('error', () => {
      // Refused (a dead node): the next backend takes the connection; after that, both ends are cut.
      if (!connected && !client.destroyed) this.route(client, tries + 1);
      else client.destroy();
    });
    upstream.once('connect', () => {
      connected = true;
      const set = this.open.get(port) ?? new Set<Socket>();
      this.open.set(port, set);
      set.add(upstream);
      upstream.once('close', () => {
        set.delete(upstream);
        client.destroy();
      });
      client.once('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  }

  async close(): Promise<void> {
    for (const set of this.open.values()) for (const socket of set) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Three nodes on one fresh PostgreSQL schema and one Redis, behind a {@link RoundRobinProxy}. */
export interface Cluster {
  nodes: TestServer[];
  proxy: RoundRobinProxy;
  /** The seeded site's secret (the same on every node). */
  siteSecret: string;
  stop(): Promise<void>;
}

/** Start three server processes AT ONCE on an empty schema, then the proxy in front of them. */
export async function startCluster(env: Record<string, string> = {}): Promise<Cluster> {
  const schema = freshSchema();
  const siteSecret = `cluster-secret-${randomBytes(8).toString('hex')}`;
  const shared: Record<string, string> = {
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    REDIS_URL: TEST_REDIS_URL,
    // One token secret and one seeded site secret: a token from one node is valid on every node.
    FRONTDESK_SECRET: randomBytes(24).toString('base64url'),
    FRONTDESK_SEED_SITE_SECRET: siteSecret,
    ...env,
  };
  const started = await Promise.allSettled([0, 1, 2].map(() => startServer({ env: shared })));
  const nodes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (nodes.length < 3) {
    await Promise.all(nodes.map((n) => n.stop()));
    await dropSchema(schema);
    const reasons = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    throw new Error(`not every node started:\n${reasons.join('\n')}`);
  }
  const proxy = new RoundRobinProxy(nodes.map((n) => Number(new URL(n.url).port)));
  await proxy.listen();
  return {
    nodes,
    proxy,
    siteSecret,
    async stop() {
      await proxy.close();
      await Promise.all(nodes.map((n) => n.stop()));
      await dropSchema(schema);
    },
  };
}

/** Wait (bounded) until `test` holds; returns how long it took in ms. */
export async function within(
  ms: number,
  test: () => Promise<boolean> | boolean,
  what: string,
): Promise<number> {
  const start = Date.now();
  while (!(await test())) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - start;
}

/** A webhook endpoint on 127.0.0.1 that records each delivery it gets. */
export interface WebhookReceiver {
  port: number;
  hooks: { event: string; delivery: string; conversation: string }[];
  close(): Promise<void>;
}

export async function webhookReceiver(): Promise<WebhookReceiver> {
  const hooks: WebhookReceiver['hooks'] = [];
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const payload = JSON.parse(body) as { data: { conversation?: { id: string } } };
      hooks.push({
        event: String(req.headers['x-frontdesk-event']),
        delivery: String(req.headers['x-frontdesk-delivery']),
        conversation: payload.data.conversation?.id ?? '',
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hooks,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
