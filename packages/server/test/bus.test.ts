import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../src/db/postgres';
import { batched, postgresBus } from '../src/realtime/bus';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';

const hasPostgres = await postgresAvailable();

describe('batched publishes', () => {
  it('sends the publishes of one turn together, in order, and fails each of a failed batch', async () => {
    const batches: string[][] = [];
    let fail = false;
    const publish = batched(async (payloads) => {
      batches.push(payloads);
      if (fail) throw new Error('bus down');
    });
    await Promise.all(['a', 'b', 'c'].map((p) => publish(p)));
    await publish('d');
    expect(batches).toEqual([['a', 'b', 'c'], ['d']]);

    fail = true;
    const results = await Promise.allSettled([publish('e'), publish('f')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('fails a batch that never answers, and sends the next one', async () => {
    const batches: string[][] = [];
    const publish = batched((payloads) => {
      batches.push(payloads);
      // The first batch hangs (a connection silently gone); later ones answer.
      return batches.length === 1 ? new Promise(() => undefined) : Promise.resolve();
    }, 100);
    const first = publish('a');
    await new Promise((r) => setTimeout(r, 10));
    const second = publish('b');
    await expect(first).rejects.toThrow('did not answer in 100 ms');
    await expect(second).resolves.toBeUndefined();
    expect(batches).toEqual([['a'], ['b']]);
  });

  it('splits a large turn into batches of at most 200, none lost', async () => {
    const batches: string[][] = [];
    const publish = batched(async (payloads) => {
      batches.push(payloads);
    });
    const sent = Array.from({ length: 450 }, (_, i) => String(i));
    await Promise.all(sent.map((p) => publish(p)));
    expect(batches.map((b) => b.length)).toEqual([200, 200, 50]);
    expect(batches.flat()).toEqual(sent);
  });
});

describe.skipIf(!hasPostgres)('PostgreSQL bus', () => {
  const schema = freshSchema();
  afterAll(() => dropSchema(schema));

  it('delivers 1,000 publishes of one turn to another node, in order', async () => {
    const sender = await openPostgres(TEST_DATABASE_URL, schema);
    const receiver = await openPostgres(TEST_DATABASE_URL, schema);
    const received: string[] = [];
    const receiving = await postgresBus(
      receiver,
      (payload) => received.push(payload),
      () => undefined,
    );
    const sending = await postgresBus(
      sender,
      () => undefined,
      () => undefined,
    );
    try {
      const sent = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ i, text: `message ${i}` }));
      await Promise.all(sent.map((payload) => sending.publish(payload)));
      for (let wait = 0; received.length < sent.length && wait < 100; wait++)
        await new Promise((r) => setTimeout(r, 50));
      expect(received).toEqual(sent);
    } finally {
      await sending.close();
      await receiving.close();
      await sender.close();
      await receiver.close();
    }
  });
});
