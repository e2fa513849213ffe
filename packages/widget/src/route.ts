/** Where the panel is. `thread.c` is a conversation's client id, or null for a new conversation. */
export type Route =
  | { v: 'home' }
  | { v: 'messages' }
  | { v: 'thread'; c: string | null; draft?: string }
  | { v: 'help'; q?: string }
  | { v: 'article'; id: string }
  | { v: 'form'; id: string };

/** Where "back" leads from a route (null: top-level view, no back button). */
export function parentOf(route: Route, from: Route['v'] | undefined): Route | null {
  switch (route.v) {
    case 'thread':
      return from === 'home' ? { v: 'home' } : { v: 'messages' };
    case 'article':
      return from === 'home' ? { v: 'home' } : { v: 'help' };
    case 'form':
      return { v: 'home' };
    default:
      return null;
  }
}
