import type { OnlineManager } from './types';

/** Connectivity from `navigator.onLine` and the window's `online`/`offline` events; always online elsewhere. */
export function browserOnlineManager(): OnlineManager {
  const hasWindow = typeof window !== 'undefined' && typeof navigator !== 'undefined';
  return {
    isOnline: () => !hasWindow || navigator.onLine !== false,
    subscribe(listener) {
      if (!hasWindow) return () => {};
      const on = () => listener(true);
      const off = () => listener(false);
      window.addEventListener('online', on);
      window.addEventListener('offline', off);
      return () => {
        window.removeEventListener('online', on);
        window.removeEventListener('offline', off);
      };
    },
  };
}

/** An online manager driven by hand (`setOnline`), for tests and native shells. */
export function manualOnlineManager(initial = true): OnlineManager & { setOnline(online: boolean): void } {
  let online = initial;
  const listeners = new Set<(online: boolean) => void>();
  return {
    isOnline: () => online,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setOnline(next) {
      if (next === online) return;
      online = next;
      for (const listener of [...listeners]) listener(next);
    },
  };
}
