/** A typed event emitter over one event map. Listener errors are isolated so one bad listener cannot break sync. */
export interface Emitter<M> {
  on<K extends keyof M>(name: K, listener: (payload: M[K]) => void): () => void;
  off<K extends keyof M>(name: K, listener: (payload: M[K]) => void): void;
  once<K extends keyof M>(name: K, listener: (payload: M[K]) => void): () => void;
  emit<K extends keyof M>(name: K, payload: M[K]): void;
  clear(): void;
}

/** Create an {@link Emitter} for the event map `M` (the client's own events use one; so does the widget). */
export function createEmitter<M>(): Emitter<M> {
  const listeners = new Map<keyof M, Set<(payload: never) => void>>();
  const emitter: Emitter<M> = {
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => emitter.off(name, listener);
    },
    off(name, listener) {
      listeners.get(name)?.delete(listener);
    },
    once(name, listener) {
      const off = emitter.on(name, (payload) => {
        off();
        listener(payload);
      });
      return off;
    },
    emit(name, payload) {
      for (const listener of [...(listeners.get(name) ?? [])]) {
        try {
          (listener as (p: M[typeof name]) => void)(payload);
        } catch (error) {
          // Surface it without breaking the emitter's caller.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
  return emitter;
}
