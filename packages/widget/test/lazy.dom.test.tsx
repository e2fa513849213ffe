import { type ComponentType, render } from 'preact';
import { expect, it } from 'vitest';
import { lazy } from '../src/ui/lazy';

const frames = (n = 3) =>
  new Promise<void>((resolve) => {
    const next = (left: number) => (left ? setTimeout(() => next(left - 1), 20) : resolve());
    next(n);
  });

it('a lazy view mounted while its chunk loads shows once the chunk arrives, even before its own effect ran', async () => {
  type Chunk = { default: ComponentType<object> };
  let arrive!: (chunk: Chunk) => void;
  const View = lazy(() => new Promise<Chunk>((resolve) => (arrive = resolve)));
  // The first instance starts the load (its effect ran)…
  const first = document.createElement('div');
  render(<View />, first);
  await frames();
  expect(first.querySelector('[aria-busy]')).not.toBeNull();
  // …a second one (the view re-mounted, e.g. a new conversation's thread) renders while it is still loading, and
  // the chunk arrives before that instance's effect runs (effects wait for the next frame).
  const second = document.createElement('div');
  render(<View />, second);
  arrive({ default: () => <p>the view</p> });
  await frames();
  expect(first.textContent).toBe('the view');
  expect(second.textContent).toBe('the view');
  expect(second.querySelector('[aria-busy]')).toBeNull();
});
