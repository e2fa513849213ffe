import type { Client } from '@frontdesk/client';
import { effect } from '@preact/signals-core';

/** Resolve when `predicate` holds for the client's state (re-checked on every change); bounded by a deadline. */
export function until(
  client: Client,
  predicate: () => boolean,
  what = 'condition',
  timeout = 10_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let stop = () => {};
    const timer = setTimeout(() => {
      stop();
      reject(
        new Error(
          `timed out waiting for ${what}: ${JSON.stringify(client.getState().conversations.map((c) => c.messages.map((m) => [m.text, m.status])))}`,
        ),
      );
    }, timeout);
    stop = effect(() => {
      client.getState();
      if (predicate()) {
        clearTimeout(timer);
        queueMicrotask(() => stop());
        resolve();
      }
    });
  });
}

export const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/** Storage that refuses everything, like IndexedDB in private mode or on a full disk. */
export const brokenStorage = () => ({
  get: () => Promise.reject(new Error('QuotaExceededError')),
  set: () => Promise.reject(new Error('QuotaExceededError')),
  del: () => Promise.reject(new Error('QuotaExceededError')),
  update: () => Promise.reject(new Error('QuotaExceededError')),
});
