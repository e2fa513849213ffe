/**
 * Give the main thread back to the host page for a moment, so that start-up steps (the client's, the widget's)
 * and renders run as separate short tasks and none is a long task (> 50 ms) for the page. `scheduler.yield`
 * resumes ahead of other queued work where the browser has it; elsewhere a new task does.
 */
export const yieldToHost = (): Promise<unknown> =>
  (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler?.yield?.() ??
  new Promise((resolve) => setTimeout(resolve));
