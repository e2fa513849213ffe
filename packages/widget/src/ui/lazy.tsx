import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A component loaded on first render (rare views stay out of the main bundle). */
export function lazy<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<unknown> | undefined;
  return function Lazy(props: P) {
    const [, setTick] = useState(0);
    // Always through `pending`: the chunk may have arrived (loaded by another instance) after this one rendered
    // its placeholder and before this effect ran, and this instance must still render again.
    useEffect(() => {
      pending ??= load().then((m) => (loaded = m.default));
      pending.then(() => setTick(1));
    }, []);
    const C = loaded;
    return C ? <C {...props} /> : <div class="bd" aria-busy="true" />;
  };
}
