import type { EphemeralEvent, StreamEvent } from '@frontdesk/protocol';
import { newId } from '../auth/crypto';
import type { Database } from '../db/database';
import { type Bus, postgresBus, redisBus } from './bus';

/** What a hub subscriber receives: a stored event, an ephemeral one, or a nudge to re-read storage. */
export type HubMessage =
  | { kind: 'event'; event: StreamEvent }
  | { kind: 'ephemeral'; event: EphemeralEvent }
  /** An event too large to carry over NOTIFY: the subscriber reads it from storage. */
  | { kind: 'poke'; seq: number }
  /** Sites or their config changed: drop cached copies (channel {@link CONTROL_CHANNEL}). */
  | { kind: 'sites-changed' }
  /**
   * The bus was interrupted (sent to every local subscriber of every channel): messages from other nodes may
   * have been lost, so re-read storage and drop caches.
   */
  | { kind: 'resync' }

  /** A help article changed: re-read it into the search index (channel {@link CONTROL_CHANNEL}). */
  | { kind: 'article-changed'; siteId: string; articleId: string }
  /** A visitor was erased: forget that it exists (channel {@link CONTROL_CHANNEL}). */
  | { kind: 'visitor-forgotten'; visitorId: string }
  /** Another node refused a browser origin `count` times: remember it for the console (channel {@link CONTROL_CHANNEL}). */
  | { kind: 'origin-refused'; siteId: string; origin: string; count: number };

/** Channel of hub messages about the server itself rather than a stream. */
export const CONTROL_CHANNEL = 'control';

type Listener = (message: HubMessage) => void;

/**
 * In-process publish/subscribe for realtime delivery, keyed by channel (a stream id like `v:<visitorId>` or
 * `s:<siteId>`). With PostgreSQL (LISTEN/NOTIFY) or Redis (`REDIS_URL`), messages also reach the other nodes.
 */
export class Hub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly nodeId = newId('node');
  private bus: Bus | null = null;
  /** Per channel, what a failed publish must still tell the other nodes (retried every second). */
  private readonly unsent = new Map<string, HubMessage>();
  private retryTimer: NodeJS.Timeout | null = null;
  private retrying = false;
  /** Called for every stored event this node publishes (metrics). */
  onPublish: ((channel: string, event: StreamEvent) => void) | null = null;

  /**
   * Connect to the other nodes: through Redis when `redisUrl` is given, else through PostgreSQL's LISTEN/NOTIFY
   * when the database is a PostgreSQL server. The embedded database is one process: nothing to connect.
   */
  async connect(db: Database, redisUrl?: string | null): Promise<void> {
    // Every node hears its own publishes back: those are skipped before parsing (the payload starts with the
    // sender's id, written by `publishRemote`).
    const own = JSON.stringify({ n: this.nodeId }).slice(0, -1);
    const receive = (payload: string) => {
      if (payload.startsWith(own)) return;
      try {
        const data = JSON.parse(payload) as { n: string; c: string; m: HubMessage };
        if (data.n !== this.nodeId) this.deliver(data.c, data.m);
      } catch {
        // Not ours or malformed: ignore.
      }
    };
    const resync = () => this.resyncAll();
    if (redisUrl) this.bus = await redisBus(redisUrl, receive, resync);
    else if (db.kind === 'postgres') this.bus = await postgresBus(db, receive, resync);
  }

  /** Throws when the bus between nodes cannot be reached (Redis down); fine without one. */
  async check(): Promise<void> {
    await this.bus?.check();
  }

  /** Tell every local subscriber to catch up from storage (after a bus interruption). */
  resyncAll(): void {
    for (const channel of [...this.listeners.keys()]) this.deliver(channel, { kind: 'resync' });
  }

  /** Disconnect from the other nodes. */
  async close(): Promise<void> {
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = null;
    await this.bus?.close();
    this.bus = null;
  }

  /** Listen on `channel`; returns a function that stops listening. */
  subscribe(channel: string, listener: Listener): () => void {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(channel);
    };
  }

  /** Publish a committed stream event (call only after the transaction that stored it committed). */
  publish(channel: string, event: StreamEvent): void {
    this.onPublish?.(channel, event);
    this.send(channel, { kind: 'event', event });
  }

  /** Publish an ephemeral event (typing, presence, availability). */
  publishEphemeral(channel: string, event: EphemeralEvent): void {
    this.send(channel, { kind: 'ephemeral', event });
  }

  /** Tell every node (this one too) that sites or their config changed. */
  sitesChanged(): void {
    this.send(CONTROL_CHANNEL, { kind: 'sites-changed' });
  }

  /**
   * Tell the OTHER nodes that a help article changed (this node updates its own index before answering, so the
   * message is not delivered here).
   */
  articlesChanged(siteId: string, articleId: string): void {
    this.publishRemote(CONTROL_CHANNEL, { kind: 'article-changed', siteId, articleId });
  }

  /** Tell the OTHER nodes that a visitor was erased (this node forgot it already). */
  visitorForgotten(visitorId: string): void {
    this.publishRemote(CONTROL_CHANNEL, { kind: 'visitor-forgotten', visitorId });
  }

  /** Tell the OTHER nodes that this node refused `origin` for a site `count` times (the console lists them). */
  originRefused(siteId: string, origin: string, count: number): void {
    this.publishRemote(CONTROL_CHANNEL, { kind: 'origin-refused', siteId, origin, count });
  }

  /** Number of channels with listeners on this node. */
  get channelCount(): number {
    return this.listeners.size;
  }

  private send(channel: string, message: HubMessage): void {
    this.deliver(channel, message);
    this.publishRemote(channel, message);
  }

  private publishRemote(channel: string, message: HubMessage): void {
    if (!this.bus) return;
    let payload = JSON.stringify({ n: this.nodeId, c: channel, m: message });
    if (Buffer.byteLength(payload) > this.bus.maxPayload) {
      if (message.kind !== 'event') return;
      payload = JSON.stringify({ n: this.nodeId, c: channel, m: { kind: 'poke', seq: message.event.seq } });
    }
    this.bus.publish(payload).catch(() => this.remember(channel, message));
  }

  // A publish that failed is not dropped: the other nodes get a poke for the channel (or the control message
  // itself) once the bus works again, and catch up from storage. Ephemeral events are not worth it.
  private remember(channel: string, message: HubMessage): void {
    if (message.kind === 'ephemeral') return;
    const seq = message.kind === 'event' ? message.event.seq : message.kind === 'poke' ? message.seq : 0;
    const prior = this.unsent.get(channel);
    const priorSeq = prior?.kind === 'poke' ? prior.seq : 0;
    this.unsent.set(
      channel,
      message.kind === 'event' || message.kind === 'poke'
        ? { kind: 'poke', seq: Math.max(seq, priorSeq) }
        : message,
    );
    this.retryTimer ??= setInterval(() => void this.retryUnsent(), 1000);
    this.retryTimer.unref();
  }

  private async retryUnsent(): Promise<void> {
    const bus = this.bus;
    if (this.retrying || !bus) return;
    this.retrying = true;
    try {
      for (const [channel, message] of [...this.unsent]) {
        await bus.publish(JSON.stringify({ n: this.nodeId, c: channel, m: message }));
        if (this.unsent.get(channel) === message) this.unsent.delete(channel);
      }
      if (this.unsent.size === 0 && this.retryTimer) {
        clearInterval(this.retryTimer);
        this.retryTimer = null;
      }
    } catch {
      // Still down: next second.
    } finally {
      this.retrying = false;
    }
  }

  private deliver(channel: string, message: HubMessage): void {
    const set = this.listeners.get(channel);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(message);
      } catch {
        // One broken subscriber must not stop the others.
      }
    }
  }
}
