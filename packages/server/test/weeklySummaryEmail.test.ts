import { randomBytes } from 'node:crypto';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, request } from './helpers';
import { addressesOf, Mailbox } from './mailbox';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';

const hasPostgres = await postgresAvailable();

// Two nodes with SMTP start together on one PostgreSQL database, both finding the weekly summary due: the
// managers and admins get it exactly once, by real SMTP (smtp-server on loopback).
describe.skipIf(!hasPostgres)('weekly summary by email on two nodes', { timeout: 120_000 }, () => {
  const schema = freshSchema();
  const mailbox = new Mailbox();
  const env: Record<string, string> = {
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    FRONTDESK_SECRET: randomBytes(24).toString('base64url'),
  };
  const nodes: TestServer[] = [];

  beforeAll(async () => {
    await mailbox.open(0);
    // The first node has no SMTP: it only prepares the site (members, config) in the database.
    const setup = await startServer({ env });
    nodes.push(setup);
    const admin = await login(setup, 'admin');
    const added = await request(setup, 'POST', '/v1/admin/members', {
      site: null,
      token: admin,
      body: { email: 'manager@weekly.test', roles: ['manager'] },
    });
    expect(added.status).toBe(201);
    const reviewer = await request(setup, 'POST', '/v1/admin/members', {
      site: null,
      token: admin,
      body: { email: 'reviewer@weekly.test', roles: ['reviewer'] },
    });
    expect(reviewer.status).toBe(201);
    const current = await request(setup, 'GET', '/v1/admin/config', { site: null, token: admin });
    const timeZone = 'Asia/Tokyo';
    const today = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(new Date());
    const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(today) + 1;
    const config = {
      ...current.body.config,
      timeZone,
      // Due from midnight of today (in the site's time zone): at once.
      email: { enabled: true, weeklySummary: { enabled: true, weekday, hour: 0 } },
    };
    const pushed = await request(setup, 'POST', '/v1/admin/config', {
      site: null,
      token: admin,
      body: { config },
    });
    expect(pushed.status).toBe(201);
    const smtp = {
      ...env,
      FRONTDESK_SEED_SITE_SECRET: setup.siteSecret,
      SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
      SMTP_FROM: 'support@frontdesk.test',
      EMAIL_CHECK_MS: '50',
    };
    nodes.push(...(await Promise.all([startServer({ env: smtp }), startServer({ env: smtp })])));
  }, 120_000);

  afterAll(async () => {
    for (const node of nodes) await node.stop();
    await mailbox.close();
    if (hasPostgres) await dropSchema(schema);
  });

  it('sends the last week’s summary once to each manager and admin, with the CSV', async () => {
    const toManager = await mailbox.until((m) => addressesOf(m.to).includes('manager@weekly.test'));
    const toAdmin = await mailbox.until((m) => addressesOf(m.to).includes(nodes[0]!.admin.email));
    expect(toManager.subject).toMatch(/: support quality, week of \d{4}-\d{2}-\d{2}$/);
    expect(toManager.text).toContain('This week (previous week):');
    expect(toManager.text).toContain('(Asia/Tokyo)');
    expect(toManager.attachments.map((a) => a.filename)).toEqual([expect.stringMatching(/^agents-.*\.csv$/)]);
    expect(toManager.headers.get('x-frontdesk-email')).toBe('weekly_summary');
    expect(toAdmin.subject).toBe(toManager.subject);
    // Both nodes scan every 50 ms; a second send would have arrived by now.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const recipients = mailbox.mails.flatMap((m) => addressesOf(m.to)).sort();
    expect(recipients).toEqual([nodes[0]!.admin.email, 'manager@weekly.test'].sort());
    const admin = await login(nodes[1]!, 'admin');
    const log = await request(nodes[1]!, 'GET', '/v1/admin/email/deliveries', { site: null, token: admin });
    expect(log.status).toBe(200);
    const kinds = (log.body.deliveries ?? log.body).map((d: { kind: string; status: string }) => d.kind);
    expect(kinds).toEqual(['weekly_summary', 'weekly_summary']);
  });
});
