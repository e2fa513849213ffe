import { type Client, toFrontdeskError } from '@frontdesk/client';
import { type createMemoryHub, memoryBackend } from '@frontdesk/client/memory';
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

/**
 * A memory backend over `hub` that refuses for good (validation) every message whose text is `refusal.text`;
 * change `refusal.text` to let it through.
 */
export function refusingBackend(hub: ReturnType<typeof createMemoryHub>, refusal: { text: string }) {
  const inner = memoryBackend({ hub });
  return {
    ...inner,
    sendMessage: ((id, input) =>
      input.text === refusal.text
        ? Promise.reject(toFrontdeskError({ code: 'validation_failed', message: 'Not today.' }))
        : inner.sendMessage(id, input)) as typeof inner.sendMessage,
  };
}
