import type { Database } from '../db/database';

/** Carries hub messages between server nodes. */
export interface Bus {
  /** Largest payload the bus carries (bytes of JSON). */
  readonly maxPayload: number;
  publish(payload: string): Promise<void>;
  close(): Promise<void>;
}

const CHANNEL = 'frontdesk_events';

/** Fan-out through PostgreSQL LISTEN/NOTIFY on the shared database (payloads up to 8000 bytes). */
export async function postgresBus(db: Database, onMessage: (payload: string) => void): Promise<Bus> {
  const stop = await db.listen(CHANNEL, onMessage);
  return {
    maxPayload: 7900,
    publish: (payload) => db.notify(CHANNEL, payload),
    close: stop,
  };
}

/** Fan-out through Redis pub/sub (`REDIS_URL`). */
export async function redisBus(url: string, onMessage: (payload: string) => void): Promise<Bus> {
  const { createClient } = await import('redis');
  const publisher = createClient({ url });
  const subscriber = publisher.duplicate();
  // Connection errors are retried by the client; without a listener they would crash the process.
  publisher.on('error', () => undefined);
  subscriber.on('error', () => undefined);
  await Promise.all([publisher.connect(), subscriber.connect()]);
  await subscriber.subscribe(CHANNEL, onMessage);
  return {
    maxPayload: 512 * 1024,
    async publish(payload) {
      await publisher.publish(CHANNEL, payload);
    },
    async close() {
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
