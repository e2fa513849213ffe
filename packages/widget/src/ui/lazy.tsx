import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A component loaded on first render (rare views stay out of the main bundle). */
export function lazy<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<unknown> | undefined;
  return function Lazy(props: P) {
    const [, setTick] = useState(0);
    useEffect(() => {
      if (loaded) return;
      pending ??= load().then((m) => (loaded = m.default));
      pending.then(() => setTick(1));
    }, []);
    const C = loaded;
    return C ? <C {...props} /> : <div class="bd" aria-busy="true" />;
  };
}
