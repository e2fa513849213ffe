// The visitor-data verbs of the JS API (#17 part A: `sendMessage`, `setCompany`, `setConversationFields`,
// `addTags`, `removeTags`, `deleteAttribute`) and `identify`, which also takes a lead's details. A lazy chunk: the open panel carries
// none of it. The server validates every value (protocol schemas) and its errors reach the site as `error` events.
import type { ConversationData, ErrorCode, Identity, Lead, VisitorUpdate } from '@frontdesk/protocol';
import type { WidgetDataApi } from './api';
import { MAX_MESSAGE_LENGTH } from './ui/limits';
import type { Widget } from './widget';

type Verbs = { [K in keyof WidgetDataApi | 'identify']: (w: Widget, ...args: never[]) => void };

function fail(w: Widget, error: unknown, code: ErrorCode = 'validation_failed'): void {
  const e = error as { code?: ErrorCode; message?: string };
  w.emit('error', { code: e.code ?? code, message: e.message ?? String(error) });
}

/** Tell the backend (the client waits for the session); a refusal, naming the path that was wrong, is an `error`. */
function update(w: Widget, change: VisitorUpdate): void {
  w.client.updateVisitor(change).catch((error: unknown) => fail(w, error, 'network'));
}

/** The server id of the conversation open in the panel, if any: the change goes there. */
function conversation(w: Widget, change: Omit<ConversationData, 'conversationId'>): void {
  const route = w.route.value;
  const open = route.v === 'thread' && route.c !== null ? w.client.conversations.value : [];
  const id = open.find((c) => c.clientId === (route as { c: string }).c)?.id;
  update(w, { conversation: id ? { ...change, conversationId: id } : change });
}

/** Resolves once the session is ready (the visitor's conversations are known). */
function ready(w: Widget): Promise<void> {
  return w.client.ready.value
    ? Promise.resolve()
    : new Promise((resolve) => {
        const stop = w.client.on('ready', () => {
          stop();
          resolve();
        });
      });
}

/** The visitor-data verbs and `identify`, run by `commands.ts` (one lazy chunk with the other rare verbs). */
export const dataVerbs: Verbs = {
  // A user's identity, or without a userId a lead's details (the client keeps those apart, unverified).
  identify: (w, user: Identity | Lead) =>
    void w.client.identify(user).catch((error: unknown) => fail(w, error, 'unauthorized')),
  sendMessage(w, text: string) {
    if (typeof text !== 'string' || !text.trim() || text.length > MAX_MESSAGE_LENGTH)
      return fail(w, { message: `sendMessage needs a text of 1–${MAX_MESSAGE_LENGTH} characters` });
    void ready(w).then(() => {
      const c = w.client;
      const route = w.route.value;
      const list = c.conversations.value;
      // The one open in the panel, else the latest not resolved (the list is oldest activity first).
      const current =
        (route.v === 'thread' && list.find((x) => x.clientId === route.c)) ||
        [...list].reverse().find((x) => x.status !== 'resolved');
      if (current) {
        c.sendMessage(current.clientId, text);
        w.emit('messageSent', { conversationId: current.id, text });
        return;
      }
      const started = c.startConversation({ text });
      w.emit('conversationStarted', { conversationId: started.id });
      w.emit('messageSent', { conversationId: started.id, text });
    });
  },
  setCompany: (w, company: VisitorUpdate['company']) => update(w, { company }),
  setConversationFields: (w, fields: ConversationData['fields']) => conversation(w, { fields }),
  addTags: (w, addTags: string[]) => conversation(w, { addTags }),
  removeTags: (w, removeTags: string[]) => conversation(w, { removeTags }),
  deleteAttribute: (w, key: string) => update(w, { unset: [key] }),
};
