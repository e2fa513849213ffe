import { mkdirSync } from 'node:fs';
import type { TestServer } from '@frontdesk/server/testing';
import { expect, type Page, test } from '@playwright/test';
import { Agent, closeOwnContexts, launcher, openPanel, startWidgetServer } from './support';

closeOwnContexts();

// Screenshots of every view for people to look at: FRONTDESK_SHOTS=/tmp/shots npx playwright test screenshots.
// Skipped otherwise (they assert nothing a user would notice beyond the other tests).
const dir = process.env.FRONTDESK_SHOTS;
test.skip(!dir, 'set FRONTDESK_SHOTS=<folder> to take screenshots');

let server: TestServer;
let agent: Agent;
test.beforeAll(async () => {
  server = await startWidgetServer();
  agent = await new Agent(server).login();
});
test.afterAll(async () => server?.stop());

const variants = [
  { name: 'desktop-light-en', locale: 'en', dark: false, phone: false },
  { name: 'desktop-dark-en', locale: 'en', dark: true, phone: false },
  { name: 'desktop-light-cs', locale: 'cs', dark: false, phone: false },
  { name: 'phone-light-en', locale: 'en', dark: false, phone: true },
  { name: 'phone-dark-ar', locale: 'ar', dark: true, phone: true },
  { name: 'desktop-light-zh', locale: 'zh', dark: false, phone: false },
];
const words: Record<string, { help: string; chat: RegExp; search: string; send: string; form: RegExp }> = {
  en: { help: 'Help', chat: /Send us a message/, search: 'deliver', send: 'Send', form: /Ask a question/ },
  cs: {
    help: 'Nápověda',
    chat: /Napište nám zprávu/,
    search: 'doručení',
    send: 'Odeslat',
    form: /Zeptejte se/,
  },
  zh: { help: '帮助', chat: /给我们发消息/, search: '配送', send: '提交', form: /提问/ },
  ar: { help: 'المساعدة', chat: /أرسل لنا رسالة/, search: 'delivery', send: 'إرسال', form: /Ask a question/ },
};

for (const v of variants) {
  test(`screenshots ${v.name}`, async ({ browser }) => {
    mkdirSync(dir!, { recursive: true });
    const context = await browser.newContext({
      viewport: v.phone ? { width: 390, height: 800 } : { width: 1200, height: 820 },
      deviceScaleFactor: v.phone ? 2 : 1,
      isMobile: v.phone,
      hasTouch: v.phone,
      colorScheme: v.dark ? 'dark' : 'light',
    });
    const page = await context.newPage();
    const w = words[v.locale]!;
    const shot = (view: string) => page.screenshot({ path: `${dir}/${v.name}-${view}.png` });
    await page.goto(`${server.url}/`);
    if (v.locale !== 'en')
      await page.evaluate(
        (l) => (window as never as { Frontdesk: (...a: unknown[]) => void }).Frontdesk('setLocale', l),
        v.locale,
      );
    await expect(launcher(page)).toBeVisible({ timeout: 15_000 });
    await shot('1-launcher');
    const p = await openPanel(page);
    await page.waitForTimeout(300);
    await shot('2-home');
    await p.getByRole('button', { name: w.help, exact: true }).click();
    await p.getByRole('searchbox').fill(w.search);
    await page.waitForTimeout(800);
    await shot('3-help');
    const first = p.locator('.bd ul.card button').first();
    if (await first.count()) {
      await first.click();
      await page.waitForTimeout(500);
      await shot('4-article');
    }
    await p.locator('nav button').first().click();
    await p.getByRole('button', { name: w.form }).click();
    await page.waitForTimeout(300);
    await p.locator('form button[type=submit]').click();
    await page.waitForTimeout(200);
    await shot('5-form-errors');
    await p.locator('nav button').first().click();
    await p.getByRole('button', { name: w.chat }).click();
    const text = `Hello, where is my order? (${v.name})`;
    await p.getByRole('textbox').fill(text);
    await p.getByRole('textbox').press('Enter');
    const conversation = await agent.conversationWith(v.name);
    await agent.reply(
      conversation.id,
      'Hi! It ships **today**. Track it at https://example.com/track/FD-1042',
    );
    await agent.read(conversation.id);
    await page.waitForTimeout(800);
    await shot('6-chat');
    await agent.resolve(conversation.id);
    await page.waitForTimeout(800);
    await shot('7-solved');
    const yes = p.locator('.bq .btn2').first();
    if (await yes.count()) await yes.click();
    await page.waitForTimeout(500);
    const star = p.locator('.stars label').nth(3);
    if (await star.count()) await star.click();
    await page.waitForTimeout(300);
    await shot('7-rating');
    await context.close();
  });
}

export type { Page };
