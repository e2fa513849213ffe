import type { TestServer } from '@frontdesk/server/testing';
import { type Browser, expect, test } from '@playwright/test';
import { changeConfig, closeOwnContexts, openHost, openPanel, startWidgetServer } from './support';

closeOwnContexts();

// When a closed site opens again, in the visitor's own day and time zone: "today at", "tomorrow at", a weekday.
// The server's clock is real, so the site's time zone is picked to make it about 9:00 there now (Etc/GMT zones
// cover every whole-hour offset); the wording then does not depend on when the test runs.
let server: TestServer;
test.beforeAll(async () => {
  server = await startWidgetServer();
});
test.afterAll(async () => server?.stop());

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** An Etc/GMT zone (offset in hours east of UTC) where it is now `hour` o'clock; Etc names invert the sign. */
function zoneAt(hour: number): { zone: string; offset: number } {
  const offset = ((hour - new Date().getUTCHours() + 36) % 24) - 12;
  return { zone: offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`, offset };
}

/** The weekday `days` from today in a zone `offset` hours east of UTC. */
function weekday(offset: number, days: number): (typeof DAYS)[number] {
  return DAYS[new Date(Date.now() + offset * 3_600_000 + days * 86_400_000).getUTCDay()]!;
}

async function closedUntil(
  browser: Browser,
  name: string,
  site: { zone: string; day: (typeof DAYS)[number]; opens: string },
  visitor: { timezoneId: string; locale?: string },
): Promise<string> {
  await changeConfig(server, (config) => ({
    ...config,
    businessHours: { timeZone: site.zone, week: { [site.day]: [[site.opens, '23:00']] }, holidays: [] },
  }));
  const context = await browser.newContext({ timezoneId: visitor.timezoneId });
  const page = await context.newPage();
  await openHost(page, server, name, visitor.locale ? { data: { locale: visitor.locale } } : {});
  const p = await openPanel(page);
  const line = p.getByText(/^(We are back|Jsme zpět) /);
  await expect(line).toBeVisible();
  const text = (await line.textContent()) ?? '';
  await context.close();
  return text;
}

test('closed until later today: "today at 12:00", not the weekday', async ({ browser }) => {
  const { zone, offset } = zoneAt(9);
  const text = await closedUntil(
    browser,
    'back-today',
    { zone, day: weekday(offset, 0), opens: '12:00' },
    { timezoneId: zone },
  );
  expect(text).toBe('We are back today at 12:00 PM');
});

test('closed until tomorrow morning: "tomorrow at 8:00", in English and Czech', async ({ browser }) => {
  const { zone, offset } = zoneAt(9);
  const site = { zone, day: weekday(offset, 1), opens: '08:00' };
  expect(await closedUntil(browser, 'back-tomorrow', site, { timezoneId: zone })).toBe(
    'We are back tomorrow at 8:00 AM',
  );
  expect(await closedUntil(browser, 'back-tomorrow-cs', site, { timezoneId: zone, locale: 'cs' })).toBe(
    'Jsme zpět zítra v 8:00',
  );
});

test('closed for days: the weekday it opens', async ({ browser }) => {
  const { zone, offset } = zoneAt(9);
  const day = weekday(offset, 3);
  const name = new Date(Date.now() + offset * 3_600_000 + 3 * 86_400_000).toLocaleDateString('en', {
    weekday: 'long',
    timeZone: 'UTC',
  });
  const text = await closedUntil(
    browser,
    'back-weekday',
    { zone, day, opens: '08:00' },
    { timezoneId: zone },
  );
  expect(text).toBe(`We are back ${name} at 8:00 AM`);
});

test("in the visitor's time zone: the site's noon today is the visitor's midnight, so tomorrow", async ({
  browser,
}) => {
  const { zone, offset } = zoneAt(9);
  // A visitor 12 hours away from the site, where it is 21:00 now: the site's noon is 0:00 there.
  const visitor = zoneAt(21);
  const text = await closedUntil(
    browser,
    'back-other-zone',
    { zone, day: weekday(offset, 0), opens: '12:00' },
    { timezoneId: visitor.zone },
  );
  expect(text).toBe('We are back tomorrow at 12:00 AM');
  await changeConfig(server, ({ businessHours: _h, ...config }) => config);
});
