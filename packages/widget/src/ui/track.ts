import { effect, type Signal, signal } from '@preact/signals-core';
import type { FunctionComponent } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

// The bridge from signals to Preact, in a few lines instead of @preact/signals (~1.7 KB gzip, which the panel's
// 25 KB budget cannot spare): a tracked component re-renders when a signal it read while rendering changes.

/** Wrap a component so that signal reads during its render subscribe it to those signals. */
export function track<P extends object>(Component: FunctionComponent<P>): FunctionComponent<P> {
  return function Tracked(props: P) {
    const [, rerender] = useState(0);
    const stop = useRef<() => void>();
    stop.current?.();
    let out: ReturnType<FunctionComponent<P>> = null;
    let first = true;
    stop.current = effect(() => {
      if (first) {
        first = false;
        out = Component(props);
      } else rerender((n) => n + 1);
    });
    useEffect(() => () => stop.current?.(), []);
    return out;
  };
}

/** A signal that lives as long as the component. */
export function useSignal<T>(value: T): Signal<T> {
  return useMemo(() => signal(value), []);
}
