import { NetworkError } from '../errors';
import type { Backend, LinkStatus } from '../types';
import { createMemoryHub, type MemoryAgent, type MemoryHub, type MemoryHubOptions } from './memoryHub';

/** Options of `memoryBackend`. */
export interface MemoryBackendOptions extends MemoryHubOptions {
  /** Simulated latency of every call and event, in ms. Default 0. */
  latency?: number;
  /** Share one site with other memory backends (other visitors, other tabs, the in-test server). */
  hub?: MemoryHub;
  /** An agent that replies automatically (with `hub`, set it on the hub instead). */
  agent?: MemoryAgent | false;
}

/** A memory backend with controls to simulate the network and the team. */
export interface MemoryBackend extends Backend {
  /** The site this backend talks to. */
  readonly hub: MemoryHub;
  /** Simulate a dropped network: realtime links close and every call rejects with `NetworkError`. */
  disconnect(): void;
  /** Bring the network back. */
  reconnect(): void;
  /** Is the simulated network up? */
  readonly connected: boolean;
  /** The visitor this backend's session belongs to (null before `startSession`). */
  readonly visitorId: string | null;
}

/**
 * A complete backend held in memory: for demos, docs and tests. Same contracts as the HTTP backend (idempotent
 * commands, gap-free cursors, visitor isolation, typed errors); `latency` and `disconnect()` simulate a network.
 */
export function memoryBackend(options: MemoryBackendOptions = {}): MemoryBackend {
  const hub = options.hub ?? createMemoryHub(options);
  const latency = options.latency ?? 0;
  let token: string | undefined;
  let connected = true;
  const links = new Set<() => void>();

  const offline = () => new NetworkError({ code: 'network', message: 'The (simulated) network is down.' });
  const wait = () => new Promise((resolve) => setTimeout(resolve, latency));
  /** Run a call as if over the network: latency, failure while disconnected, and no shared objects. */
  async function call<T>(run: () => T): Promise<T> {
    if (latency) await wait();
    if (!connected) throw offline();
    const result = run();
    if (latency) await wait();
    // The answer can be lost on the way back, like a real one.
    if (!connected) throw offline();
    return result === undefined ? result : structuredClone(result);
  }
  const me = () => hub.visitorOf(token);

  const backend: MemoryBackend = {
    name: `memory:${hub.id}`,
    hub,
    get connected() {
      return connected;
    },
    get visitorId() {
      return token ? hub.visitorOf(token) : null;
    },
    disconnect() {
      connected = false;
      for (const close of [...links]) close();
    },
    reconnect() {
      connected = true;
    },
    startSession: (input) =>
      call(() => {
        const session = hub.startSession(input);
        token = session.visitorToken;
        return session;
      }),
    getConfig: () => call(() => ({ config: hub.config, version: hub.configVersion })),
    updateVisitor: (update) => call(() => hub.updateVisitor(me(), update)),
    listConversations: () => call(() => hub.listConversations(me())),
    createConversation: (input) => call(() => hub.createConversation(me(), input)),
    sendMessage: (id, input) => call(() => hub.sendMessage(me(), id, input)),
    listMessages: (id, o = {}) => call(() => hub.listMessages(me(), id, o.afterSeq, o.limit)),
    events: (after, limit) => call(() => hub.events(me(), after, limit)),
    subscribe(after, handlers) {
      let open = true;
      let cursor = after;
      const status = (s: LinkStatus, error?: Error) => handlers.status?.(s, error);
      let stop = () => {};
      const close = (error?: Error) => {
        if (!open) return;
        open = false;
        stop();
        links.delete(closeOffline);
        status('closed', error);
      };
      const closeOffline = () => close(offline());
      links.add(closeOffline);
      status('connecting');
      const deliver = (run: () => void) =>
        latency ? setTimeout(() => open && run(), latency) : open && run();
      setTimeout(() => {
        if (!open) return;
        if (!connected) return close(offline());
        let visitorId: string;
        try {
          visitorId = me();
        } catch (error) {
          return close(error as Error);
        }
        // Backlog first, then live, with no gap: listen before reading the backlog and skip what it covered.
        const pending: Parameters<Parameters<typeof hub.listen>[1]>[] = [];
        let live = false;
        stop = hub.listen(visitorId, (event, ephemeral) => {
          if (!live) pending.push([event, ephemeral]);
          else forward(event, ephemeral);
        });
        const forward = (
          event: Parameters<Parameters<typeof hub.listen>[1]>[0],
          ephemeral: Parameters<Parameters<typeof hub.listen>[1]>[1],
        ) => {
          if (event && event.seq > cursor) {
            cursor = event.seq;
            const copy = structuredClone(event);
            deliver(() => handlers.event(copy));
          }
          if (ephemeral) {
            const copy = structuredClone(ephemeral);
            deliver(() => handlers.ephemeral?.(copy));
          }
        };
        status('open');
        for (
          let page = hub.events(visitorId, cursor, 1000);
          ;
          page = hub.events(visitorId, page.cursor, 1000)
        ) {
          for (const event of page.events) forward(event, null);
          if (!page.hasMore) break;
        }
        live = true;
        for (const [event, ephemeral] of pending.splice(0)) forward(event, ephemeral);
      }, latency);
      return () => {
        if (!open) return;
        open = false;
        stop();
        links.delete(closeOffline);
        status('closed');
      };
    },
    markRead: (id, readSeq) => call(() => hub.markRead(me(), id, readSeq)),
    typing: (id, typing) => call(() => hub.typing(me(), id, typing)),
    search: (query, locale) => call(() => hub.search(query, locale)),
    getArticle: (id) => call(() => hub.getArticle(id)),
    listCategories: () => call(() => hub.listCategories()),
    articleFeedback: (id) => call(() => hub.articleFeedback(id)),
    submitForm: (input) => call(() => hub.submitForm(me(), input)),
    rate: (id, input) => call(() => hub.rate(me(), id, input)),
    upload: (file, name) => call(() => hub.upload(name, file.type, file.size)),
    track: (event) => call(() => hub.track(me(), event)),
  };
  return backend;
}
