import type { EphemeralEvent, StreamEvent } from '@frontdesk/protocol';
import type { Command } from './outbox';
import type { ConnectionStatus } from './types';

/** Messages between tabs of one site on one origin. */
export type TabMessage =
  /** Leader to followers: a stored event it applied. */
  | { t: 'event'; event: StreamEvent }
  /** Leader to followers: a typing or availability event. */
  | { t: 'ephemeral'; event: EphemeralEvent }
  /** Leader to followers: its connection status. */
  | { t: 'status'; status: ConnectionStatus }
  /** Leader to followers: a queued command failed for good. */
  | { t: 'failed'; clientId: string; error: string }
  /** Any tab: the visitor read a conversation (the backend may not echo the visitor's own reads). */
  | { t: 'read'; conversationId: string; readSeq: number }
  /** Any tab to the others: a command was queued; show it as sending there too. */
  | { t: 'pending'; command: Command }
  /** Follower to leader: a tab joined or queued commands; send the outbox and say your status. */
  | { t: 'outbox' }
  /** Any tab: the visitor changed (identify, reset); reload the session from storage. */
  | { t: 'session' };

/** One tab's membership: it is told when it becomes the leader, and can post to the other tabs. */
export interface Tabs {
  post(message: TabMessage): void;
  close(): void;
}

/**
 * Elect one leader among the tabs named `name` with a Web Lock (held until the tab closes), and connect all of them
 * with a BroadcastChannel. Returns null where either API is missing: the tab then leads alone.
 */
export function joinTabs(
  name: string,
  onMessage: (message: TabMessage) => void,
  onLeader: () => void,
): Tabs | null {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks || typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(name);
  channel.onmessage = (event: MessageEvent<TabMessage>) => onMessage(event.data);
  const abort = new AbortController();
  let release: (() => void) | undefined;
  let closed = false;
  locks
    .request(`${name}:leader`, { signal: abort.signal }, () => {
      // Granted after this tab left: let the lock go at once, so another tab leads.
      if (closed) return;
      return new Promise<void>((resolve) => {
        release = resolve;
        onLeader();
      });
    })
    .catch(() => {});
  return {
    // Posting on a closed channel throws; after close there is nobody left to tell.
    post: (message) => {
      if (!closed) channel.postMessage(message);
    },
    close() {
      closed = true;
      release?.();
      abort.abort();
      channel.close();
    },
  };
}
