import { signal } from '@preact/signals';

/** The console's place, from the URL hash: `#/inbox/abc` → `['inbox', 'abc']`. */
export const route = signal<string[]>(parse());

function parse(): string[] {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return parts.length ? parts : ['inbox'];
}

function follow(parts: string[]): void {
  if (parts.join('/') !== route.value.join('/')) route.value = parts;
}

addEventListener('hashchange', () => follow(parse()));

/** Go to a place, e.g. `navigate('inbox', id)`. The route changes at once, not at the later `hashchange`, so a
 * key pressed right after acts on the new place. */
export function navigate(...parts: string[]): void {
  location.hash = `#/${parts.map(encodeURIComponent).join('/')}`;
  follow(parse());
}
