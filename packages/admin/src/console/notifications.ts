// Desktop notifications and a sound for the agent: a new conversation, or a visitor's reply in a conversation that is
// theirs or nobody's. One console tab (the leader, by Web Lock) notifies, so several open tabs make one alert; the
// tabs tell each other which conversation they have open and focused, and that one stays quiet.

import type { Message, StreamEvent } from '@frontdesk/protocol';
import { tone } from '@frontdesk/widget/tone';
import { signal } from '@preact/signals';
import type { InboxConversation } from './api';
import { visitorName } from './format';
import { conversations, selectedId } from './inbox';

const KEY = 'frontdesk.console.notifications';

/** What the agent chose on this browser (every console tab shares it). */
export interface NotifySettings {
  /** A short tone (on unless turned off). */
  sound: boolean;
  /** Desktop notifications (off until the agent turns them on, which asks the browser's permission). */
  desktop: boolean;
}

function load(): NotifySettings {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<NotifySettings>;
    return { sound: saved.sound !== false, desktop: saved.desktop === true };
  } catch {
    return { sound: true, desktop: false };
  }
}

export const notifySettings = signal<NotifySettings>(load());
/** The browser refuses desktop notifications for the console (the agent can allow them in the site settings). */
export const desktopBlocked = signal(
  typeof Notification !== 'undefined' && Notification.permission === 'denied',
);

/** Change a setting. Turning desktop notifications on asks for permission: only ever from the agent's click. */
export async function setNotify(change: Partial<NotifySettings>): Promise<void> {
  const next = { ...load(), ...change };
  if (change.desktop) {
    const permission =
      typeof Notification === 'undefined' ? 'denied' : await Notification.requestPermission();
    next.desktop = permission === 'granted';
    desktopBlocked.value = permission === 'denied';
  }
  notifySettings.value = next;
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage refused: the choice holds for this tab only.
  }
}

type TabNote = { tab: string; open: string | null };

/**
 * Notify for `agentId` from this tab while it leads the agent's console tabs. Returns `notify`, to be called with
 * every live event after the inbox applied it, and `stop`.
 */
export function startNotifications(agentId: string): {
  notify: (event: StreamEvent) => void;
  stop: () => void;
} {
  const tab = crypto.randomUUID();
  /** Conversations open and focused in the other tabs, by tab. */
  const others = new Map<string, string>();
  /** Conversations created live whose first visitor message has not come yet. */
  const fresh = new Set<string>();
  const abort = new AbortController();
  let leading = false;
  let release: (() => void) | undefined;
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`${KEY}:${agentId}`);

  const focused = () =>
    document.visibilityState === 'visible' && document.hasFocus() ? selectedId.value : null;
  let said: string | null | undefined;
  const say = () => {
    const open = focused();
    if (open === said) return;
    said = open;
    channel?.postMessage({ tab, open } satisfies TabNote);
  };
  if (channel)
    channel.onmessage = ({ data }: MessageEvent<TabNote | 'hello'>) => {
      // A tab joined: it does not know what the others have open.
      if (data === 'hello') {
        said = undefined;
        say();
      } else if (data.open) others.set(data.tab, data.open);
      else others.delete(data.tab);
    };
  channel?.postMessage('hello');
  const leave = () => channel?.postMessage({ tab, open: null } satisfies TabNote);
  const stopSelected = selectedId.subscribe(say);
  addEventListener('focus', say);
  addEventListener('blur', say);
  addEventListener('pagehide', leave);
  document.addEventListener('visibilitychange', say);

  if (navigator.locks && channel)
    navigator.locks
      .request(`${KEY}:${agentId}`, { signal: abort.signal }, () => {
        leading = true;
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      })
      .catch(() => undefined);
  else leading = true;

  const notify = (event: StreamEvent) => {
    if (event.type === 'conversation.created') fresh.add(event.conversation.id);
    if (event.type !== 'message.created') return;
    const message = event.message;
    const id = message.conversationId;
    // Replies from agents (this one included), notes and the bot never alert.
    if (message.author.kind !== 'visitor' || !leading) return;
    const isNew = fresh.delete(id);
    const conversation = conversations.value.get(id);
    const assignee = conversation?.assigneeId ?? null;
    if (assignee !== null && assignee !== agentId) return;
    if (focused() === id || [...others.values()].includes(id)) return;
    alert(isNew, message, conversation);
  };

  return {
    notify,
    stop() {
      leave();
      stopSelected();
      removeEventListener('focus', say);
      removeEventListener('blur', say);
      removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', say);
      release?.();
      abort.abort();
      channel?.close();
    },
  };
}

function alert(isNew: boolean, message: Message, conversation: InboxConversation | undefined): void {
  const settings = load();
  if (settings.sound) tone({ from: 587, to: 784, volume: 0.1, seconds: 0.35, wave: 'triangle' });
  if (!settings.desktop || typeof Notification === 'undefined' || Notification.permission !== 'granted')
    return;
  // A notification shows plain text: the visitor's words are never read as markup.
  const note = new Notification(isNew ? 'New conversation' : 'New message', {
    body: `${conversation ? visitorName(conversation) : 'Visitor'}: ${message.text.slice(0, 200)}`,
    tag: message.conversationId,
  });
  note.onclick = () => {
    focus();
    location.hash = `#/inbox/${message.conversationId}`;
    note.close();
  };
}
