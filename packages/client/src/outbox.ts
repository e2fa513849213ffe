import type { Channel, ProactiveRef } from '@frontdesk/protocol';
import type { StorageAdapter } from './types';

/**
 * A queued command. Its `clientId` makes replays the same request, so the backend stores it once. `failed` (the
 * error's message) marks one the backend refused for good: it stays in the outbox, so the visitor still sees it
 * (as failed) after a reload and in every tab, but it is not sent again until `retry` clears the mark.
 */
export type Command = { failed?: string } & (
  | {
      type: 'create';
      clientId: string;
      channel?: Channel;
      subject?: string;
      /** The first message, sent with the conversation. */
      message?: { clientId: string; text: string; attachmentIds?: string[] };
      /** The proactive message answered: the server stores it as the first message. */
      proactive?: ProactiveRef;
      at: string;
    }
  | {
      type: 'send';
      clientId: string;
      /** The conversation's client id. */
      conversation: string;
      text: string;
      attachmentIds?: string[];
      /** The visitor's answer to the bot's question. */
      reply?: 'yes' | 'person';
      at: string;
    }
);

/** Client ids of the messages a command shows: a send's own, or a new conversation's first message. */
export const messageIds = (command: Command): string[] =>
  command.type === 'create' ? (command.message ? [command.message.clientId] : []) : [command.clientId];

/**
 * Storage that falls back to memory when the real one fails (private mode, quota, blocked): a warning, never a
 * crash. `use` swaps the underlying storage (consent given or withdrawn) and hands back the old one.
 */
export function safeStorage(
  initial: StorageAdapter,
  fallback: () => StorageAdapter,
  warn: (cause: unknown) => void,
) {
  let current = initial;
  let failed = false;
  const guard =
    <A extends unknown[], R>(call: (s: StorageAdapter, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(current, ...args);
      } catch (cause) {
        if (failed) throw cause;
        failed = true;
        current = fallback();
        warn(cause);
        return call(current, ...args);
      }
    };
  const storage: StorageAdapter & { use(next: StorageAdapter): StorageAdapter } = {
    get: guard((s, key: string) => s.get(key)) as StorageAdapter['get'],
    set: guard((s, key: string, value: unknown) => s.set(key, value)),
    del: guard((s, key: string) => s.del(key)),
    update: guard((s, key: string, updater: (old: unknown) => unknown) =>
      s.update(key, updater),
    ) as StorageAdapter['update'],
    /** Use `next` from now on; returns the storage used until now. */
    use(next) {
      const previous = current;
      current = next;
      failed = false;
      return previous;
    },
  };
  return storage;
}
