/**
 * Call `onChange` when a single-page app changes the URL through the History API (pushState, replaceState,
 * back/forward), without anything from the site. Uses the Navigation API where there is one; elsewhere wraps
 * `history.pushState`/`replaceState` (restored on stop). Returns a function that stops watching.
 */
export function watchPages(onChange: (url: string) => void): () => void {
  let last = location.href;
  // A microtask later, so a title set right after pushState is included.
  const check = () =>
    queueMicrotask(() => {
      if (location.href === last) return;
      last = location.href;
      onChange(last);
    });
  const nav = (window as { navigation?: EventTarget }).navigation;
  if (nav) {
    nav.addEventListener('currententrychange', check);
    return () => nav.removeEventListener('currententrychange', check);
  }
  const { pushState, replaceState } = history;
  history.pushState = function (...args) {
    pushState.apply(this, args);
    check();
  };
  history.replaceState = function (...args) {
    replaceState.apply(this, args);
    check();
  };
  addEventListener('popstate', check);
  return () => {
    history.pushState = pushState;
    history.replaceState = replaceState;
    removeEventListener('popstate', check);
  };
}
