import type { InboxConversation } from './api';

/** A short local time or date for lists. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  return today
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString([], { month: 'short', day: 'numeric' });
}

/** How to name a conversation's visitor. */
export function visitorName(c: InboxConversation): string {
  return c.visitor?.name || c.visitor?.email || `Visitor ${c.visitorId.slice(-6)}`;
}
