import type { Database } from '../db/database';

/** Carries hub messages between server nodes. */
export interface Bus {
  /** Largest payload the bus carries (bytes of JSON). */
  readonly maxPayload: number;
  publish(payload: string): Promise<void>;
  /** Throws when the bus cannot be reached (readiness). */
  check(): Promise<void>;
  close(): Promise<void>;
}

const CHANNEL = 'frontdesk_events';

/**
 * Fan-out through PostgreSQL LISTEN/NOTIFY on the shared database (payloads up to 8000 bytes). `onReconnect`
 * runs after the listening connection was lost and listens again: whatever was sent meanwhile is lost.
 */
export async function postgresBus(
  db: Database,
  onMessage: (payload: string) => void,
  onReconnect: () => void,
): Promise<Bus> {
  const stop = await db.listen(CHANNEL, onMessage, onReconnect);
  return {
    maxPayload: 7900,
    publish: batched((payloads) =>
      db.query('select pg_notify($1, p) from unnest($2::text[]) with ordinality as t(p, i) order by i', [
        CHANNEL,
        payloads,
      ]),
    ),
    // The database itself is checked by the readiness probe.
    check: async () => undefined,
    close: stop,
  };
}

/** Payloads in one batch at most (a statement's parameters stay small). */
const BATCH_MAX = 200;

/**
 * Publishes go out in batches, one batch at a time: a notification is a transaction, which on PostgreSQL waits for
 * its commit to reach the disk; one statement of N notifications (delivered in order, at once, when it commits)
 * costs one commit instead of N, and what is published while a batch commits goes in the next. A chat message
 * publishes to two streams, so most commits of a send were these. One batch at a time also keeps this node's
 * publishes in order. A failed batch fails each of its publishes (the hub retries them as pokes); so does one that
 * has not answered within `timeoutMs` (a connection silently gone), so that it cannot hold up every later publish.
 */
export function batched(
  send: (payloads: string[]) => Promise<unknown>,
  timeoutMs = 5000,
): (payload: string) => Promise<void> {
  let queue: { payload: string; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let sending = false;
  const flush = () => {
    const batch = queue.slice(0, BATCH_MAX);
    queue = queue.slice(BATCH_MAX);
    sending = true;
    let settled = false;
    const done = (error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const item of batch) error === undefined ? item.resolve() : item.reject(error);
      sending = false;
      if (queue.length) flush();
    };
    const timer = setTimeout(() => done(new Error(`the bus did not answer in ${timeoutMs} ms`)), timeoutMs);
    send(batch.map((item) => item.payload)).then(
      () => done(),
      (error: unknown) => done(error ?? new Error('failed')),
    );
  };
  return (payload) =>
    new Promise<void>((resolve, reject) => {
      // The first publish of a quiet moment waits for the rest of its turn (setImmediate) to join its batch.
      if (queue.length === 0 && !sending) setImmediate(flush);
      queue.push({ payload, resolve, reject });
    });
}

/** Fan-out through Redis pub/sub (`REDIS_URL`); `onReconnect` as for {@link postgresBus}. */
export async function redisBus(
  url: string,
  onMessage: (payload: string) => void,
  onReconnect: () => void,
): Promise<Bus> {
  const { createClient } = await import('redis');
  const publisher = createClient({ url });
  const subscriber = publisher.duplicate();
  // Connection errors are retried by the client; without a listener they would crash the process.
  publisher.on('error', () => undefined);
  subscriber.on('error', () => undefined);
  await Promise.all([publisher.connect(), subscriber.connect()]);
  await subscriber.subscribe(CHANNEL, onMessage);
  // The client re-subscribes by itself after a reconnect; messages published while it was away are lost.
  subscriber.on('ready', onReconnect);
  return {
    maxPayload: 512 * 1024,
    async publish(payload) {
      await publisher.publish(CHANNEL, payload);
    },
    async check() {
      // Not the offline queue: a probe must fail at once when Redis is away.
      if (!publisher.isReady) throw new Error('Redis is unreachable.');
      await publisher.ping();
    },
    async close() {
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
