import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, login, request, visitor } from './helpers';
import { addressesOf, Mailbox } from './mailbox';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';

// The email path on PostgreSQL (the same SQL as on the embedded database): migration, outbox claim, scans.
const available = await postgresAvailable();
const schema = freshSchema();
let server: TestServer;
const mailbox = new Mailbox();

describe.skipIf(!available)('email on PostgreSQL', () => {
  beforeAll(async () => {
    await mailbox.open(0);
    server = await startServer({
      env: {
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_SCHEMA: schema,
        SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
        SMTP_FROM: 'support@frontdesk.test',
        EMAIL_CHECK_MS: '100',
        EMAIL_RETRY_MS: '200',
      },
    });
    const admin = await login(server, 'admin');
    const current = await request(server, 'GET', '/v1/admin/config', { site: null, token: admin });
    const config = {
      ...current.body.config,
      email: { enabled: true, replyDelayMinutes: 0.01, followUp: { delayMinutes: 0.01 } },
    };
    expect(
      (await request(server, 'POST', '/v1/admin/config', { site: null, token: admin, body: { config } }))
        .status,
    ).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await mailbox.close();
    if (available) await dropSchema(schema);
  });

  it('emails an unread reply, takes the answer back by webhook, and follows up after resolution', async () => {
    const agent = await login(server);
    const v = await visitor(server);
    await request(server, 'PATCH', '/v1/visitor', { token: v.token, body: { email: 'pg@example.test' } });
    const { conversation: conv } = await conversation(server, v.token, 'On PostgreSQL');
    await request(server, 'POST', `/v1/agent/conversations/${conv.id}/messages`, {
      site: null,
      token: agent,
      body: { clientId: cid('m'), text: 'Reply from PG' },
    });
    const mail = await mailbox.until((m) => addressesOf(m.to).includes('pg@example.test'));
    expect(mail.text).toContain('Reply from PG');
    const raw = `From: pg@example.test\r\nTo: ${addressesOf(mail.replyTo)[0]}\r\nSubject: Re\r\nMessage-ID: <${cid('mid')}@example.test>\r\n\r\nAnswer on PG\r\n`;
    const stored = await request(server, 'POST', '/v1/email/inbound', {
      token: server.siteSecret,
      body: raw,
      headers: { 'content-type': 'message/rfc822' },
    });
    expect(stored.status).toBe(201);
    await request(server, 'POST', `/v1/agent/conversations/${conv.id}/status`, {
      site: null,
      token: agent,
      body: { status: 'resolved' },
    });
    const followUp = await mailbox.until(
      (m) => addressesOf(m.to).includes('pg@example.test') && m.subject === 'Is your problem solved?',
    );
    expect(followUp.html).toContain('/v1/email/followup/');
  });
});
