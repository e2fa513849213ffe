import { type BrowserContext, test } from '@playwright/test';

/**
 * Close the browser contexts a test file opens itself (`browser.newContext()`), after each test and, for those
 * opened in `beforeAll`, after the file. Playwright closes only its own `context` fixture, and the worker's browser
 * lives on through every later file: a page left open keeps running its widget or console (timers, sockets
 * reconnecting to a server that has stopped) and slows the tests that come after it. Call it once at the top of
 * each test file that opens contexts (a helper module is loaded only once per worker, so it cannot register the
 * hooks for every file itself).
 */
export function closeOwnContexts(): void {
  let before = new Set<BrowserContext>();
  test.beforeEach(({ browser }) => {
    before = new Set(browser.contexts());
  });
  test.afterEach(async ({ browser }) => {
    await Promise.all(
      browser
        .contexts()
        .filter((context) => !before.has(context))
        .map((context) => context.close()),
    );
  });
  test.afterAll(async ({ browser }) => {
    await Promise.all(browser.contexts().map((context) => context.close()));
  });
}
