/** What the loader leaves on the `Frontdesk` stub for the main bundle. */
export interface LoaderState {
  /** URL of the folder the loader was served from (ends with `/`). */
  base: string;
  /** The loader script's `data-*` attributes, camel-cased (`data-site-key` → `siteKey`); `"true"`/`"false"` as booleans. */
  data: Record<string, string | boolean | undefined>;
  /** The loader script's CSP nonce, reused for everything the widget injects. */
  nonce: string;
}

/** A queued call; a getter's also carries the resolve function of the Promise the queue returned for it. */
export type QueuedCall = IArguments & { r?: (value: unknown) => void };

/** `window.Frontdesk` before the main bundle runs: a function that queues its arguments. */
export interface LoaderStub {
  (...args: unknown[]): unknown;
  /** Calls queued before the main bundle ran, in order. */
  q?: QueuedCall[];
  /** Set once the loader ran. */
  l?: LoaderState;
}
