import AxeBuilder from '@axe-core/playwright';
import type { TestServer } from '@frontdesk/server/testing';
import { expect, type Page, test } from '@playwright/test';
import { closeOwnContexts, signIn, startConsoleServer } from './support';

closeOwnContexts();

// The demo's quality data (FRONTDESK_SEED_REVIEWS): five resolved conversations of the demo agent, three waiting
// in the review queue, two reviewed by the admin (one of them disputed).
// Serial: the dispute test disputes the review the first test submits.
test.describe.configure({ mode: 'serial' });
let server: TestServer;

test.beforeAll(async () => {
  // Builds the console, then starts the server: slow on a busy machine.
  test.setTimeout(180_000);
  server = await startConsoleServer({ FRONTDESK_SEED_REVIEWS: '1' });
});
test.afterAll(async () => server?.stop());

async function expectNoAxeViolations(page: Page, view: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(found, `axe violations in ${view}`).toEqual([]);
}

test('a reviewer claims a sampled conversation and scores it with the review form', async ({ page }) => {
  await signIn(page, server, server.admin);
  await page.getByRole('link', { name: 'Reviews' }).click();
  const queue = page.getByRole('table');
  const row = queue.getByRole('row', { name: /Discount code does not work/ });
  await expect(row).toContainText('Low CSAT');
  await expect(row).toContainText('Not solved');
  await expect(queue.getByRole('row')).toHaveCount(4); // header + three waiting
  await expectNoAxeViolations(page, 'review queue');
  await page.screenshot({ path: 'test-results/reviews-queue.png' });

  await row.getByRole('button', { name: /Claim and review/ }).click();
  const transcript = page.getByRole('list', { name: 'Transcript' });
  await expect(transcript).toContainText('It expired yesterday, here is a new one: SPRING2.');
  const form = page.getByRole('form', { name: /Review: Support conversation/ });
  await form.getByRole('group', { name: 'Greeting and tone' }).getByText('4', { exact: true }).click();
  const accuracy = form.getByRole('group', { name: /Correct and complete answer/ });
  await accuracy.getByText('2', { exact: true }).click();
  await accuracy.getByLabel('Comment').fill('The new code was not checked before sending it.');
  await accuracy.getByLabel('About message').selectOption({
    label: '#2 Demo Agent: It expired yesterday, here is a new one: SPRING2.',
  });
  // The message the comment is about is outlined in the transcript.
  await expect(transcript.locator('li.anchored')).toContainText('SPRING2');
  await form
    .getByRole('group', { name: /Empathy/ })
    .getByText('3', { exact: true })
    .click();
  // Submitting before every criterion has a value names the one missing.
  await form.getByRole('button', { name: 'Submit review' }).click();
  await expect(form.getByRole('alert')).toContainText('"Followed the process" has no value');
  await form.getByRole('group', { name: 'Followed the process' }).getByText('N/A').click();
  await form
    .getByRole('group', { name: /Protected personal data/ })
    .getByText('Pass', { exact: true })
    .click();
  // 100 × (1·0.75 + 3·0.25 + 2·0.5 + 1·1) / 7 = 50.0
  await expect(form).toContainText('Total: 50.0');
  await expectNoAxeViolations(page, 'review form');
  await page.screenshot({ path: 'test-results/reviews-form.png' });
  await form.getByRole('button', { name: 'Submit review' }).click();
  await expect(form.getByRole('status')).toContainText('Review saved: total 50.0');
  await form.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
});

test('the agent disputes a review and a manager changes its score', async ({ page, browser }) => {
  await signIn(page, server, server.agent);
  await page.getByRole('link', { name: 'Reviews' }).click();
  // An agent has no queue, disputes or scores: only their own reviews.
  await expect(page.getByRole('navigation', { name: 'Review views' }).getByRole('link')).toHaveText([
    'My reviews',
  ]);
  const fresh = page.getByRole('article').filter({ hasText: 'New' }).first();
  await expect(fresh).toBeVisible();
  await expectNoAxeViolations(page, 'my reviews');
  await fresh.getByRole('button', { name: 'Dispute' }).click();
  await fresh
    .getByLabel('Why do you dispute this review?')
    .fill('The customer asked for a code that did not exist.');
  await expectNoAxeViolations(page, 'dispute form');
  await page.screenshot({ path: 'test-results/reviews-mine.png' });
  await fresh.getByRole('button', { name: 'Send dispute' }).click();
  await expect(page.getByRole('article').filter({ hasText: 'The customer asked for a code' })).toContainText(
    'Disputed',
  );

  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, server, server.admin);
  await manager.goto(`${server.url}/console/#/reviews/disputes`);
  const card = manager.getByRole('article').filter({ hasText: 'The customer asked for a code' });
  await card.getByRole('button', { name: 'Resolve' }).click();
  await card.getByText('Change the score').click();
  await card
    .getByRole('group', { name: /Correct and complete answer/ })
    .getByText('4', { exact: true })
    .click();
  await card.getByLabel('Note to the agent').fill('Agreed: the code list was wrong that day.');
  await expectNoAxeViolations(manager, 'disputes');
  await manager.screenshot({ path: 'test-results/reviews-disputes.png' });
  await card.getByRole('button', { name: 'Resolve dispute' }).click();
  await expect(manager.getByRole('article').filter({ hasText: 'The customer asked for a code' })).toHaveCount(
    0,
  );

  await page.reload();
  const resolved = page.getByRole('article').filter({ hasText: 'The customer asked for a code' });
  await expect(resolved).toContainText('Dispute resolved');
  await expect(resolved).toContainText('Score changed: Agreed: the code list was wrong that day.');
  // 100 × (1·0.75 + 3·0.75 + 2·0.5 + 1·1) / 7 = 71.4
  await expect(resolved.getByRole('heading')).toContainText('71.4');

  await manager.goto(`${server.url}/console/#/reviews/scores`);
  await expect(manager.getByRole('table', { name: 'Per agent', exact: true })).toContainText('Demo Agent');
  await expectNoAxeViolations(manager, 'QA scores');
  await manager.screenshot({ path: 'test-results/reviews-scores.png' });
  await manager.goto(`${server.url}/console/#/reviews/calibration`);
  await manager.getByRole('button', { name: 'New session' }).click();
  await expect(manager.getByRole('group', { name: /Reviewers/ })).toContainText('Demo Admin');
  await expectNoAxeViolations(manager, 'calibration');
  await manager.screenshot({ path: 'test-results/reviews-calibration.png' });
  await managerContext.close();
});
