import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A view loaded on first use, so agents never download the admin-only editors (and the widget preview). */
export function lazyView(load: () => Promise<ComponentType>): ComponentType {
  let loaded: ComponentType | null = null;
  return function LazyView() {
    const [View, setView] = useState<ComponentType | null>(() => loaded);
    const [failed, setFailed] = useState('');
    useEffect(() => {
      if (View) return;
      load().then(
        (component) => {
          loaded = component;
          setView(() => component);
        },
        (error: Error) => setFailed(error.message),
      );
    }, []);
    if (failed) return <main class="page error">Could not load this view: {failed}</main>;
    return View ? <View /> : <main class="page muted">Loading…</main>;
  };
}
