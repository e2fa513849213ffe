import { createStore, del, get, set, update } from 'idb-keyval';
import type { StorageAdapter } from './types';

/** Storage in IndexedDB through idb-keyval; `update` is one readwrite transaction, so it is atomic across tabs. */
export function idbStorage(database = 'frontdesk'): StorageAdapter {
  const store = createStore(database, 'kv');
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
    update: (key, updater) => update(key, updater, store),
  };
}

/** Storage in this page's memory only: used without consent and when IndexedDB fails. */
export function memoryStorage(): StorageAdapter {
  const data = new Map<string, unknown>();
  // Values are copied like IndexedDB's structured clone, so callers never share objects with the store.
  const copy = <T>(value: T): T => (value === undefined ? value : structuredClone(value));
  return {
    get: async (key) => copy(data.get(key)) as never,
    set: async (key, value) => void data.set(key, copy(value)),
    del: async (key) => void data.delete(key),
    update: async (key, updater) => void data.set(key, copy(updater(copy(data.get(key)) as never))),
  };
}
