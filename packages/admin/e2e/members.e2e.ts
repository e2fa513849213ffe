import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import type { TestServer } from '@frontdesk/server/testing';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { closeOwnContexts, signIn, startConsoleServer } from './support';

closeOwnContexts();

// Sites as tenants (#11): an admin manages the site's members; everyone works on their own sites only.

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '../../server');
let server: TestServer;

/** The platform owner's CLI on the server's embedded database (the server is stopped meanwhile). */
async function ownerCli(...runs: string[][]): Promise<string[]> {
  await server.kill();
  const out: string[] = [];
  for (const args of runs)
    out.push(
      (
        await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
          cwd: serverDir,
          env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '' },
        })
      ).stdout,
    );
  await server.restart();
  return out;
}

async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(found).toEqual([]);
}

/** A page in a browser context of its own (its own session), as axe needs. */
async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
  return context.newPage();
}

test.beforeAll(async () => {
  server = await startConsoleServer();
});
test.afterAll(async () => server?.stop());

test('an admin adds a member with an invite link, the invited person sets a password, the last admin stays', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await newPage(browser);
  await signIn(page, server, server.admin);
  await page.getByRole('link', { name: 'Members' }).click();
  const table = page.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(3); // header, the admin, the agent
  await expect(page.getByRole('checkbox', { name: 'Admin role for Demo Admin' })).toBeChecked();

  // The last admin cannot drop the admin role: the server refuses and the box comes back checked.
  await page.getByRole('checkbox', { name: 'Agent role for Demo Admin' }).check();
  await expect(page.getByRole('status')).toContainText('Demo Admin is now admin, agent');
  await page.getByRole('checkbox', { name: 'Admin role for Demo Admin' }).click();
  await expect(page.getByRole('alert')).toContainText('last admin');
  await expect(page.getByRole('checkbox', { name: 'Admin role for Demo Admin' })).toBeChecked();

  const form = page.getByRole('form', { name: 'Add a member' });
  await form.getByLabel('Email').fill('rita@test.local');
  await form.getByLabel('Name (for a new account)').fill('Rita Reviewer');
  await form.getByRole('checkbox', { name: 'Agent' }).uncheck();
  await form.getByRole('checkbox', { name: 'Reviewer' }).check();
  await form.getByRole('button', { name: 'Add' }).click();
  const link = page.locator('.invite-code code');
  await expect(link).toContainText('/console/#/invite/inv_');
  await expect(table.getByRole('row', { name: /Rita Reviewer/ })).toContainText('invited');
  await expect(page.getByRole('checkbox', { name: 'Reviewer role for Rita Reviewer' })).toBeChecked();
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/members.png', fullPage: true });

  // Rita opens the link in her own browser, chooses a password and is in: no admin sections for a reviewer.
  const rita = await newPage(browser);
  await rita.goto(String(await link.textContent()));
  await expect(rita.getByRole('heading', { name: 'Welcome to Frontdesk' })).toBeVisible();
  await expectAccessible(rita);
  await rita.getByLabel('Password', { exact: true }).fill('rita-password');
  await rita.getByLabel('Password again').fill('rita-password');
  await rita.getByRole('button', { name: 'Set password and sign in' }).click();
  const nav = rita.getByRole('navigation', { name: 'Sections' });
  await expect(nav).toBeVisible({ timeout: 20_000 });
  await expect(nav.getByRole('link', { name: 'Inbox' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Members' })).toHaveCount(0);
  // The code worked once: the same link again is refused.
  const again = await newPage(browser);
  await again.goto(String(await link.textContent()));
  await again.getByLabel('Password', { exact: true }).fill('another-password');
  await again.getByLabel('Password again').fill('another-password');
  await again.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(again.getByRole('alert')).toContainText('wrong, used or expired');
  await page.reload();
  await expect(table.getByRole('row', { name: /Rita Reviewer/ })).not.toContainText('invited');
});

test("the site picker lists the agent's own sites, and switching shows that site's members", async ({
  browser,
}) => {
  // The owner's CLI runs with the embedded database closed: a stop, two commands and a start.
  test.setTimeout(180_000);
  await ownerCli(
    ['site', 'create', '--name', 'Second shop', '--key', 'second-shop'],
    ['site', 'invite', '--site', 'second-shop', '--email', server.admin.email],
  );
  const page = await newPage(browser);
  await signIn(page, server, server.admin);
  const picker = page.getByRole('combobox', { name: 'Site' });
  await expect(picker.getByRole('option')).toHaveText(['Frontdesk Demo', 'Second shop']);
  await page.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('heading', { name: 'Members of Frontdesk Demo' })).toBeVisible();
  await picker.selectOption({ label: 'Second shop' });
  await expect(page.getByRole('heading', { name: 'Members of Second shop' })).toBeVisible();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(server.admin.email);
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/members-second-site.png', fullPage: true });

  // The agent is a member of the demo site only: no picker, and the second site's data never reaches them.
  const agent = await newPage(browser);
  await signIn(agent, server, server.agent);
  await expect(agent.getByRole('combobox', { name: 'Site' })).toHaveCount(0);
  await expect(agent.getByRole('link', { name: 'Members' })).toHaveCount(0);
});
