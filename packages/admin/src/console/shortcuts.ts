import { signal } from '@preact/signals';
import { conversations, selectedId, updateConversation, visible } from './inbox';
import { navigate, route } from './router';
import { agent } from './session';

/** The keyboard help dialog is open. */
export const helpOpen = signal(false);

/** Inbox shortcuts, shown by `?`. */
export const SHORTCUTS: ReadonlyArray<[string, string]> = [
  ['j / k', 'Next / previous conversation'],
  ['r', 'Reply'],
  ['n', 'Internal note'],
  ['/', 'In the reply box: canned responses'],
  ['e', 'Resolve or reopen'],
  ['a', 'Assign to me'],
  ['Enter', 'Send (Shift+Enter: new line)'],
  ['Esc', 'Leave the reply box'],
  ['?', 'Show this help'],
];

function typingInField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

/** Handle a key press anywhere in the console; returns true when it was a shortcut. */
export function onShortcut(event: KeyboardEvent): boolean {
  if (event.metaKey || event.ctrlKey || event.altKey || typingInField(event.target)) return false;
  if (event.key === '?') {
    helpOpen.value = !helpOpen.value;
    return true;
  }
  if (event.key === 'Escape' && helpOpen.value) {
    helpOpen.value = false;
    return true;
  }
  if (route.value[0] !== 'inbox') return false;
  const list = visible.value;
  const index = list.findIndex((c) => c.id === selectedId.value);
  const id = selectedId.value;
  switch (event.key) {
    case 'j':
    case 'k': {
      const next = list[event.key === 'j' ? Math.min(list.length - 1, index + 1) : Math.max(0, index - 1)];
      if (next) navigate('inbox', next.id);
      return true;
    }
    case 'r':
    case 'n':
      if (!id) return false;
      dispatchEvent(new CustomEvent('console:compose', { detail: event.key === 'r' ? 'reply' : 'note' }));
      return true;
    case 'e': {
      const c = id ? conversations.value.get(id) : undefined;
      if (!c || !id) return false;
      void updateConversation(id, { status: c.status === 'resolved' ? 'open' : 'resolved' });
      return true;
    }
    case 'a':
      if (!id || !agent.value) return false;
      void updateConversation(id, { assigneeId: agent.value.id });
      return true;
    default:
      return false;
  }
}
