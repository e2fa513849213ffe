import type { TestServer } from '@frontdesk/server/testing';
import { expect, test } from '@playwright/test';
import { Agent, expectNoAxeViolations, openHost, openPanel, startWidgetServer, widget } from './support';

// Every language the widget ships, chosen three ways (script option, page lang, runtime setLocale), with RTL.
let server: TestServer;
test.beforeAll(async () => {
  server = await startWidgetServer();
  await new Agent(server).login();
});
test.afterAll(async () => server?.stop());

const expected: Record<string, { nav: [string, string, string]; reply: string; dir: 'ltr' | 'rtl' }> = {
  en: { nav: ['Home', 'Messages', 'Help'], reply: 'We usually reply in 5 minutes', dir: 'ltr' },
  cs: { nav: ['Úvod', 'Zprávy', 'Nápověda'], reply: 'Obvykle odpovídáme do 5 minut', dir: 'ltr' },
  lv: { nav: ['Sākums', 'Ziņas', 'Palīdzība'], reply: 'Parasti atbildam 5 minūšu laikā', dir: 'ltr' },
  hu: { nav: ['Kezdőlap', 'Üzenetek', 'Súgó'], reply: 'Általában 5 percen belül válaszolunk', dir: 'ltr' },
  zh: { nav: ['首页', '消息', '帮助'], reply: '我们通常在 5 分钟内回复', dir: 'ltr' },
  ar: { nav: ['الرئيسية', 'الرسائل', 'المساعدة'], reply: 'نرد عادةً خلال 5 دقائق', dir: 'rtl' },
};

for (const [locale, want] of Object.entries(expected)) {
  test(`${locale}: the panel speaks ${locale} (${want.dir}), plurals and help search included`, async ({
    page,
  }) => {
    await openHost(page, server, `locale-${locale}`, { data: { locale } });
    const p = await openPanel(page);
    const root = widget(page).locator('div.r');
    await expect(root).toHaveAttribute('dir', want.dir);
    for (const name of want.nav) await expect(p.getByRole('button', { name, exact: true })).toBeVisible();
    await expect(p.getByText(want.reply)).toBeVisible();
    await expectNoAxeViolations(page, `home in ${locale}`);
    await p.getByRole('button', { name: want.nav[2], exact: true }).click();
    await expect(p.getByRole('searchbox')).toBeVisible();
    await expectNoAxeViolations(page, `help in ${locale}`);
    if (want.dir === 'rtl') {
      // The back arrow is mirrored, and text starts on the right.
      const align = await p.getByRole('searchbox').evaluate((el) => getComputedStyle(el).direction);
      expect(align).toBe('rtl');
    }
  });
}

test('the page lang picks the locale, and setLocale switches it at runtime (lazily loading it)', async ({
  page,
}) => {
  const loaded: string[] = [];
  page.on('request', (r) => {
    const m = /fd-(cs|lv|hu|zh|ar)-/.exec(r.url());
    if (m) loaded.push(m[1]!);
  });
  await openHost(page, server, 'lang-hu', { lang: 'hu' });
  const p = await openPanel(page);
  await expect(p.getByRole('button', { name: 'Kezdőlap', exact: true })).toBeVisible();
  expect(loaded).toEqual(['hu']);
  await page.evaluate(() =>
    (window as unknown as { Frontdesk: (...a: unknown[]) => void }).Frontdesk('setLocale', 'cs'),
  );
  await expect(p.getByRole('button', { name: 'Úvod', exact: true })).toBeVisible();
  await expect(p.getByRole('heading', { level: 1 })).toHaveText('Dobrý den! Jak vám můžeme pomoci?');
  expect(loaded).toEqual(['hu', 'cs']);
});
