import { signal } from '@preact/signals';

/** The console's place, from the URL hash: `#/inbox/abc` → `['inbox', 'abc']`. */
export const route = signal<string[]>(parse());

function parse(): string[] {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return parts.length ? parts : ['inbox'];
}

addEventListener('hashchange', () => {
  route.value = parse();
});

/** Go to a place, e.g. `navigate('inbox', id)`. */
export function navigate(...parts: string[]): void {
  location.hash = `#/${parts.map(encodeURIComponent).join('/')}`;
}
