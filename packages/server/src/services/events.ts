import type { EventPage, StreamEvent } from '@frontdesk/protocol';
import type { Database, Sql } from '../db/database';
import { forVisitor } from '../db/rows';
import type { Hub } from '../realtime/hub';

/** The event stream of one visitor. */
export const visitorStream = (visitorId: string) => `v:${visitorId}`;
/** The event stream of a site, followed by its agents. */
export const siteStream = (siteId: string) => `s:${siteId}`;
/** Ephemeral channel reaching every visitor of a site (availability). */
export const siteVisitorsChannel = (siteId: string) => `sv:${siteId}`;

/** What a stream may carry: a visitor's stream never carries a conversation's `tags` (see `forVisitor`). */
function forStream(stream: string, input: EventInput): EventInput {
  if (!stream.startsWith('v:') || !('conversation' in input)) return input;
  return { ...input, conversation: forVisitor(input.conversation) } as EventInput;
}

/** Distributive omit, so a union of events keeps its variants. */
export type EventInput = StreamEvent extends infer E
  ? E extends StreamEvent
    ? Omit<E, 'seq'>
    : never
  : never;

/** Increment a named counter inside a transaction and return its new value. */
export async function nextCounter(tx: Sql, id: string, start = 1): Promise<number> {
  const rows = await tx.query<{ value: number }>(
    `insert into counters (id, value) values ($1, $2)
     on conflict (id) do update set value = counters.value + 1 returning value`,
    [id, start],
  );
  return rows[0]!.value;
}

/**
 * Collects the events a transaction appends, so they are published only after it commits. The row lock on the
 * stream's counter orders concurrent writers, so seqs are gap-free and in commit order. Writers take counter locks
 * in one order — the site stream's before a visitor stream's — so two transactions never wait on each other.
 */
export class EventBatch {
  readonly published: Array<{ stream: string; event: StreamEvent }> = [];
  /** Work to start once the transaction committed (sending webhooks written in it). */
  readonly committed: Array<() => void> = [];
  constructor(private readonly tx: Sql) {}

  /** Run `fn` after the transaction commits (never when it rolls back). */
  onCommit(fn: () => void): void {
    this.committed.push(fn);
  }

  /** Append an event to a stream, assigning the next seq. */
  async append(stream: string, given: EventInput): Promise<StreamEvent> {
    const input = forStream(stream, given);
    // One round trip: bump the stream's counter (its row lock orders writers) and store the event with that seq.
    const rows = await this.tx.query<{ seq: number }>(
      `with next as (
         insert into counters (id, value) values ($1, 1)
         on conflict (id) do update set value = counters.value + 1 returning value)
       insert into events (stream_id, seq, type, data)
       select $2, next.value, $3, $4::jsonb || jsonb_build_object('seq', next.value) from next returning seq`,
      [`stream:${stream}`, stream, input.type, JSON.stringify(input)],
    );
    const event = { seq: rows[0]!.seq, ...input } as StreamEvent;
    this.published.push({ stream, event });
    return event;
  }

  /** Append one event to each of several distinct streams in a single round trip. */
  async appendEach(items: Array<[stream: string, input: EventInput]>): Promise<StreamEvent[]> {
    if (items.length < 2 || new Set(items.map(([stream]) => stream)).size !== items.length) {
      const out: StreamEvent[] = [];
      for (const [stream, input] of items) out.push(await this.append(stream, input));
      return out;
    }
    const params: unknown[] = [];
    items = items.map(([stream, input]) => [stream, forStream(stream, input)]);
    const parts = items.map(([stream, input], i) => {
      const p = params.length;
      params.push(`stream:${stream}`, stream, input.type, JSON.stringify(input));
      return `n${i} as (insert into counters (id, value) values ($${p + 1}, 1)
          on conflict (id) do update set value = counters.value + 1 returning value),
        e${i} as (insert into events (stream_id, seq, type, data)
          select $${p + 2}, n${i}.value, $${p + 3}, $${p + 4}::jsonb || jsonb_build_object('seq', n${i}.value) from n${i}
          returning seq)`;
    });
    const select = items.map((_, i) => `(select seq from e${i}) as s${i}`).join(', ');
    const row = (
      await this.tx.query<Record<string, number>>(`with ${parts.join(', ')} select ${select}`, params)
    )[0]!;
    return items.map(([stream, input], i) => {
      const event = { seq: row[`s${i}`]!, ...input } as StreamEvent;
      this.published.push({ stream, event });
      return event;
    });
  }
}

/** Run `fn` in a transaction and publish the events it appended once the transaction committed. */
export async function withEvents<T>(
  db: Database,
  hub: Hub,
  fn: (tx: Sql, events: EventBatch) => Promise<T>,
): Promise<T> {
  let batch: EventBatch | null = null;
  const result = await db.transaction(async (tx) => {
    batch = new EventBatch(tx);
    return fn(tx, batch);
  });
  const done = batch as EventBatch | null;
  for (const { stream, event } of done?.published ?? []) hub.publish(stream, event);
  for (const fn of done?.committed ?? []) fn();
  return result;
}

/** Stored events of `stream` with seq > `after`, at most `limit`. */
export async function readEvents(db: Sql, stream: string, after: number, limit = 100): Promise<EventPage> {
  const rows = await db.query<{ data: StreamEvent }>(
    'select data from events where stream_id = $1 and seq > $2 order by seq limit $3',
    [stream, after, limit + 1],
  );
  const events = rows.slice(0, limit).map((r) => r.data);
  return { events, cursor: events.at(-1)?.seq ?? after, hasMore: rows.length > limit };
}

/** The highest seq of a stream (0 when empty). */
export async function streamCursor(db: Sql, stream: string): Promise<number> {
  const rows = await db.query<{ value: number }>('select value from counters where id = $1', [
    `stream:${stream}`,
  ]);
  return rows[0]?.value ?? 0;
}
