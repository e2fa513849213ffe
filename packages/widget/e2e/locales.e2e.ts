import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestServer } from '@frontdesk/server/testing';
import type { Locator } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  Agent,
  changeConfig,
  expectNoAxeViolations,
  openHost,
  openPanel,
  startWidgetServer,
  widget,
} from './support';

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
    // Icons in buttons are 20 px, and none is mirrored but the direction-bound ones (`.fl`) in right-to-left.
    for (const icon of [p.locator('header button svg').last(), p.locator('button.btn svg').first()]) {
      expect(await icon.boundingBox()).toMatchObject({ width: 20, height: 20 });
      expect(await icon.evaluate((el) => getComputedStyle(el).transform)).toBe('none');
    }
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
    const locale = localeOfChunk(r.url());
    if (locale) loaded.push(locale);
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

// Lazy chunks are named by their hash only: a locale's chunk is the one holding its word for "Home".
const HOME = { cs: 'Úvod', lv: 'Sākums', hu: 'Kezdőlap', zh: '首页', ar: 'الرئيسية' };
const dist = join(dirname(fileURLToPath(import.meta.url)), '../dist');

/** The locale whose texts the built widget chunk at `url` holds, if it is one of the lazy locales. */
function localeOfChunk(url: string): string | undefined {
  if (!/\/widget\/fd-[\w-]+\.js$/.test(url) || !existsSync(join(dist, basename(url)))) return undefined;
  const code = readFileSync(join(dist, basename(url)), 'utf8');
  return Object.entries(HOME).find(([, home]) => code.includes(home))?.[0];
}

/** Where the first and the last character of `text` inside `el` are drawn (left edges, in px). */
function ends(el: Locator, text: string): Promise<{ first: number; last: number }> {
  return el.evaluate((node, wanted) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const at = t.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const rect = (i: number) => {
        const r = document.createRange();
        r.setStart(t, i);
        r.setEnd(t, i + 1);
        return r.getBoundingClientRect().left;
      };
      return { first: rect(at), last: rect(at + wanted.length - 1) };
    }
    throw new Error(`no text "${wanted}"`);
  }, text);
}

test('in Arabic, English texts of the site keep their punctuation in place (each text takes its own direction)', async ({
  page,
}) => {
  type Form = { id: string };
  await changeConfig(server, (config) => ({
    ...config,
    forms: [
      ...(config.forms as Form[]),
      {
        id: 'broken',
        module: 'complaint',
        title: { en: 'Something broke?' },
        description: { en: 'Tell us what happened.' },
        fields: [{ name: 'what', type: 'text', label: { en: 'What broke?' }, required: true }],
      },
    ],
  }));
  await page.setViewportSize({ width: 1024, height: 760 });
  await openHost(page, server, 'bidi-ar', { data: { locale: 'ar' } });
  const p = await openPanel(page);
  await p.getByRole('button', { name: 'Something broke?' }).click();
  const heading = p.locator('header h2');
  await expect(heading).toHaveText('Something broke?');
  // Left to right inside the right-to-left panel: the "?" stays at the end, right of the "S".
  let e = await ends(heading, 'Something broke?');
  expect(e.last).toBeGreaterThan(e.first);
  e = await ends(p.getByText('Tell us what happened.'), 'Tell us what happened.');
  expect(e.last).toBeGreaterThan(e.first);
  const label = p.locator('label', { hasText: 'What broke?' });
  e = await ends(label, 'What broke?');
  expect(e.last).toBeGreaterThan(e.first);
  // The Arabic "(required)" stays outside the English label.
  await expect(label.locator('bdi')).toHaveText('What broke?');
  await page.screenshot({ path: '/tmp/shots-newuser-a/bidi-ar-desktop.png' });
  await page.setViewportSize({ width: 390, height: 780 });
  await page.screenshot({ path: '/tmp/shots-newuser-a/bidi-ar-phone.png' });
  await changeConfig(server, (config) => ({
    ...config,
    forms: (config.forms as Form[]).filter((f) => f.id !== 'broken'),
  }));
});
