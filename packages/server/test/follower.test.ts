import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StreamEvent } from '@frontdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrations';
import { followStream } from '../src/realtime/follower';
import { Hub } from '../src/realtime/hub';
import { EventBatch } from '../src/services/events';

// A live follower (what an agent's or a visitor's socket sends) against real storage, with the hub's events
// published in an order other than their seqs, as concurrent sends on different connections reach a node.
describe('following a stream', () => {
  let dir: string;
  let db: Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'frontdesk-follower-'));
    db = await openDatabase({ dataDir: dir });
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Store `count` events on `stream` (committed, not published) and return them in seq order. */
  async function store(stream: string, count: number): Promise<StreamEvent[]> {
    return db.transaction(async (tx) => {
      const batch = new EventBatch(tx);
      for (let i = 0; i < count; i++)
        await batch.append(stream, {
          type: 'message.read',
          conversationId: 'conv_1',
          by: 'agent',
          readSeq: i + 1,
          at: new Date().toISOString(),
        });
      return batch.published.map((p) => p.event);
    });
  }

  /** Follow `stream` from now, counting the reads of stored events. */
  async function follow(hub: Hub, stream: string) {
    const received: number[] = [];
    let reads = 0;
    const counting = {
      query: <T>(text: string, params?: unknown[]) => {
        if (text.includes('from events')) reads++;
        return db.query<T>(text, params);
      },
    };
    let ready!: () => void;
    const started = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const stop = followStream(counting, hub, stream, null, {
      ready: () => ready(),
      error: (error) => {
        throw error;
      },
      event: (event) => received.push(event.seq),
    });
    await started;
    return { received, reads: () => reads, stop };
  }

  it('sends events that arrive out of order in seq order, without reading storage', async () => {
    const hub = new Hub();
    const follower = await follow(hub, 's:reorder');
    const [one, two, three] = await store('s:reorder', 3);
    hub.publish('s:reorder', three!);
    hub.publish('s:reorder', one!);
    expect(follower.received).toEqual([1]);
    hub.publish('s:reorder', two!);
    expect(follower.received).toEqual([1, 2, 3]);
    await new Promise((r) => setTimeout(r, 80));
    expect(follower.received).toEqual([1, 2, 3]);
    expect(follower.reads()).toBe(0);
    follower.stop();
  });

  it('reads a missing event from storage when it does not arrive live, each seq once', async () => {
    const hub = new Hub();
    const follower = await follow(hub, 's:gap');
    const [, two, three] = await store('s:gap', 3);
    // Event 1 was committed but its publish never reaches this node (another node's, lost on the bus).
    hub.publish('s:gap', two!);
    hub.publish('s:gap', three!);
    expect(follower.received).toEqual([]);
    for (let i = 0; i < 100 && follower.received.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    expect(follower.received).toEqual([1, 2, 3]);
    expect(follower.reads()).toBe(1);
    // Late live copies change nothing.
    hub.publish('s:gap', two!);
    const [four] = await store('s:gap', 1);
    hub.publish('s:gap', four!);
    expect(follower.received).toEqual([1, 2, 3, 4]);
    follower.stop();
  });
});
