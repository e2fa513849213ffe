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
    publish: (payload) => db.notify(CHANNEL, payload),
    // The database itself is checked by the readiness probe.
    check: async () => undefined,
    close: stop,
  };
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
