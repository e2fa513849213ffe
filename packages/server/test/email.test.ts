import { startServer, type TestServer } from '@frontdesk/server/testing';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, login, request, visitor } from './helpers';
import { addressesOf, freePort, Mailbox } from './mailbox';

// Against a real SMTP server on loopback (smtp-server), parsed with mailparser; the visitor's answers go to the
// server's own inbound SMTP listener or its inbound webhook. Timings are seconds so the test runs quickly.
let server: TestServer;
const mailbox = new Mailbox();
let inboundPort = 0;
let siteName = '';
let admin = '';
let agent = '';

beforeAll(async () => {
  await mailbox.open(0);
  inboundPort = await freePort();
  server = await startServer({
    env: {
      SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
      SMTP_FROM: 'support@frontdesk.test',
      EMAIL_CHECK_MS: '100',
      EMAIL_RETRY_MS: '200',
      INBOUND_SMTP_PORT: String(inboundPort),
    },
  });
  admin = await login(server, 'admin');
  agent = await login(server);
  const current = await request(server, 'GET', '/v1/admin/config', { site: null, token: admin });
  siteName = current.body.config.name;
  const config = {
    ...current.body.config,
    locales: { default: 'en', enabled: ['en', 'cs', 'ar'] },
    email: {
      enabled: true,
      replyDelayMinutes: 0.02,
      followUp: { delayMinutes: 0.03 },
      digest: { enabled: true, everyMinutes: 60 },
    },
  };
  const pushed = await request(server, 'POST', '/v1/admin/config', {
    site: null,
    token: admin,
    body: { config },
  });
  expect(pushed.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await mailbox.close();
});

/** A visitor with an email address (and locale) and a conversation with a first message. */
async function visitorWithEmail(email: string, text: string, locale = 'en') {
  const v = await visitor(server, { locale });
  expect((await request(server, 'PATCH', '/v1/visitor', { token: v.token, body: { email } })).status).toBe(
    200,
  );
  const { conversation: conv } = await conversation(server, v.token, text);
  return { token: v.token, conv };
}

async function agentReply(conversationId: string, text: string) {
  const reply = await request(server, 'POST', `/v1/agent/conversations/${conversationId}/messages`, {
    site: null,
    token: agent,
    body: { clientId: cid('m'), text },
  });
  expect(reply.status).toBe(201);
}

async function setStatus(conversationId: string, status: string) {
  const reply = await request(server, 'POST', `/v1/agent/conversations/${conversationId}/status`, {
    site: null,
    token: agent,
    body: { status },
  });
  expect(reply.status).toBe(200);
}

async function messagesOf(
  conversationId: string,
): Promise<Array<{ text: string; author: { kind: string } }>> {
  const reply = await request(server, 'GET', `/v1/agent/conversations/${conversationId}/messages`, {
    site: null,
    token: agent,
  });
  return reply.body.messages ?? reply.body;
}

async function eventually<T>(fn: () => Promise<T>, test: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (test(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(value).slice(0, 1500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const inbound = () =>
  nodemailer.createTransport({ host: '127.0.0.1', port: inboundPort, secure: false, ignoreTLS: true });

describe('email continuity', () => {
  it('emails an unread agent reply with the thread, and the emailed answer lands in the conversation', async () => {
    const { conv } = await visitorWithEmail('ana@example.test', 'Where is my order?');
    await agentReply(conv.id, 'It ships <b>today</b> & arrives tomorrow.');
    const mail = await mailbox.until((m) => addressesOf(m.to).includes('ana@example.test'));
    expect(mail.subject).toBe(`New reply from ${siteName}`);
    expect(mail.text).toContain('Where is my order?');
    expect(mail.text).toContain('It ships <b>today</b> & arrives tomorrow.');
    // Untrusted text is escaped in HTML; no remote content (images, stylesheets, scripts).
    expect(mail.html).toContain('It ships &lt;b&gt;today&lt;/b&gt; &amp; arrives tomorrow.');
    expect(mail.html).not.toMatch(/<img|<script|<link|src=/i);
    const replyTo = addressesOf(mail.replyTo)[0]!;
    expect(replyTo).toMatch(new RegExp(`^reply\\+${conv.id}\\.[0-9a-f]+@frontdesk\\.test$`));
    // Once per reply: no second email for the same unread reply.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(mailbox.mails.filter((m) => addressesOf(m.to).includes('ana@example.test'))).toHaveLength(1);

    // The visitor answers from their mailbox, quoting our email below their answer.
    await inbound().sendMail({
      from: 'ana@example.test',
      to: replyTo,
      subject: `Re: ${mail.subject}`,
      text: `Great, thank you!\n\nOn Tue, 1 Dec 2026 at 10:00, ${siteName} <${replyTo}> wrote:\n> ${mail.text?.split('\n')[0]}\n> It ships today`,
    });
    const messages = await eventually(
      () => messagesOf(conv.id),
      (list) => list.length === 3,
    );
    expect(messages[2]).toMatchObject({ text: 'Great, thank you!', author: { kind: 'visitor' } });
  });

  it('refuses forged reply addresses (listener and webhook), and authenticates the webhook', async () => {
    const { conv } = await visitorWithEmail('ben@example.test', 'Hello');
    const forged = `reply+${conv.id}.${'0'.repeat(24)}@frontdesk.test`;
    await expect(
      inbound().sendMail({ from: 'ben@example.test', to: forged, subject: 'Re', text: 'let me in' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      inbound().sendMail({
        from: 'ben@example.test',
        to: `reply+${conv.id}@frontdesk.test`,
        subject: 'x',
        text: 'y',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });

    const raw = (to: string, text: string) =>
      `From: Ben <ben@example.test>\r\nTo: ${to}\r\nSubject: Re: hello\r\nMessage-ID: <${cid('mid')}@example.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`;
    const post = (body: string, token = server.siteSecret) =>
      request(server, 'POST', '/v1/email/inbound', {
        site: server.siteKey,
        token,
        body,
        headers: { 'content-type': 'message/rfc822' },
      });
    expect((await post(raw(forged, 'forged'))).status).toBe(403);
    expect((await post(raw(forged, 'no secret'), 'wrong-secret')).status).toBe(401);
    // A valid address (from an email the server sent) goes through the webhook too.
    await agentReply(conv.id, 'Hi Ben');
    const mail = await mailbox.until((m) => addressesOf(m.to).includes('ben@example.test'));
    const stored = await post(raw(addressesOf(mail.replyTo)[0]!, 'Answer by webhook'));
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ status: 'stored', conversationId: conv.id });
    const messages = await messagesOf(conv.id);
    expect(messages.at(-1)).toMatchObject({ text: 'Answer by webhook', author: { kind: 'visitor' } });
  });

  it('asks "Is your problem solved?" by email after a resolution; No reopens, Yes records and shows the rating', async () => {
    const { conv } = await visitorWithEmail('cleo@example.test', 'My invoice is wrong');
    await setStatus(conv.id, 'resolved');
    const mail = await mailbox.until((m) => addressesOf(m.to).includes('cleo@example.test'));
    expect(mail.subject).toBe('Is your problem solved?');
    const links = [...(mail.text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
    const no = links.find((l) => l.includes('/no/'))!;
    const yes = links.find((l) => l.includes('/yes/'))!;
    expect(no).toBeTruthy();
    expect(yes).toBeTruthy();

    // A tampered link records nothing.
    const tampered = await fetch(yes.replace(/[0-9a-f]$/, (c) => (c === '0' ? '1' : '0')));
    expect(tampered.status).toBe(404);

    const noPage = await fetch(no);
    expect(noPage.status).toBe(200);
    expect(await noPage.text()).toContain('We reopened your conversation');
    const reopened = await request(server, 'GET', `/v1/agent/conversations/${conv.id}`, {
      site: null,
      token: agent,
    });
    expect((reopened.body.conversation ?? reopened.body).status).toBe('open');

    // Resolved again: a new follow-up; this time Yes, then five stars on the page.
    await setStatus(conv.id, 'resolved');
    await mailbox.until((m) => addressesOf(m.to).includes('cleo@example.test') && m !== mail);
    const yesPage = await fetch(yes);
    const html = await yesPage.text();
    expect(html).toContain('glad your problem is solved');
    expect(yesPage.headers.get('content-security-policy')).toContain("default-src 'none'");
    const rated = await fetch(yes, {
      method: 'POST',
      body: new URLSearchParams({ csat: '5' }),
    });
    expect(await rated.text()).toContain('Thanks for your rating!');
    const stats = await request(server, 'GET', '/v1/admin/stats', { site: null, token: admin });
    expect(stats.body.solved.responses).toBeGreaterThanOrEqual(1);
    expect(stats.body.solved.yes).toBeGreaterThanOrEqual(1);
    expect(stats.body.csat.responses).toBeGreaterThanOrEqual(1);
  });

  it('sends no follow-up to a visitor who answered in the widget', async () => {
    const { conv, token } = await visitorWithEmail('dan@example.test', 'Question');
    await setStatus(conv.id, 'resolved');
    const rated = await request(server, 'POST', `/v1/conversations/${conv.id}/rating`, {
      token,
      body: { clientId: cid('r'), solved: true, csat: 4 },
    });
    expect(rated.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(mailbox.mails.filter((m) => addressesOf(m.to).includes('dan@example.test'))).toHaveLength(0);
  });

  it('keeps emails while the SMTP server is down and sends them with backoff once it is back', async () => {
    const { conv } = await visitorWithEmail('eve@example.test', 'Anyone there?');
    await mailbox.close();
    await agentReply(conv.id, 'Yes, here!');
    const log = () =>
      request(server, 'GET', '/v1/admin/email/deliveries', { site: null, token: admin }).then(
        (r) => r.body as Array<{ to: string; status: string; attempts: number; error: string | null }>,
      );
    const failing = await eventually(log, (list) =>
      list.some((d) => d.to === 'eve@example.test' && d.attempts >= 2),
    );
    const entry = failing.find((d) => d.to === 'eve@example.test')!;
    expect(entry.status).toBe('pending');
    expect(entry.error).toBe('connection refused');
    await mailbox.open();
    const mail = await mailbox.until((m) => addressesOf(m.to).includes('eve@example.test'));
    expect(mail.text).toContain('Yes, here!');
    const sent = await eventually(log, (list) =>
      list.some((d) => d.to === 'eve@example.test' && d.status === 'sent'),
    );
    expect(sent.find((d) => d.to === 'eve@example.test')!.attempts).toBeGreaterThanOrEqual(3);
    // The log is for admins only.
    expect(
      (await request(server, 'GET', '/v1/admin/email/deliveries', { site: null, token: agent })).status,
    ).toBe(403);
  });

  it('emails a transcript on request in the visitor’s language, at most once a minute', async () => {
    const { conv, token } = await visitorWithEmail('filip@example.test', 'Dobrý den', 'cs');
    const asked = await request(server, 'POST', `/v1/conversations/${conv.id}/transcript`, { token });
    expect(asked.status).toBe(202);
    const mail = await mailbox.until((m) => addressesOf(m.to).includes('filip@example.test'));
    expect(mail.subject).toBe(`Vaše konverzace s ${siteName}`);
    expect(mail.text).toContain('Dobrý den');
    expect(mail.html).toContain('lang="cs"');
    expect((await request(server, 'POST', `/v1/conversations/${conv.id}/transcript`, { token })).status).toBe(
      429,
    );
    // Someone else's conversation is not found.
    const other = await visitor(server);
    expect(
      (await request(server, 'POST', `/v1/conversations/${conv.id}/transcript`, { token: other.token }))
        .status,
    ).toBe(404);
  });

  it('sends an opted-in agent who is away a digest of unanswered conversations', async () => {
    await visitorWithEmail('gus@example.test', 'Still waiting for an answer');
    expect(
      (
        await request(server, 'POST', '/v1/agent/presence', {
          site: null,
          token: agent,
          body: { status: 'away' },
        })
      ).status,
    ).toBe(200);
    const opt = await request(server, 'POST', '/v1/agent/email-digest', {
      site: null,
      token: agent,
      body: { enabled: true },
    });
    expect(opt.status).toBe(200);
    const bad = await request(server, 'POST', '/v1/agent/email-digest', {
      site: null,
      token: agent,
      body: { enabled: 'yes' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('body.enabled');
    const digest = await mailbox.until((m) => addressesOf(m.to).includes(server.agent.email));
    expect(digest.subject).toMatch(/unanswered conversations/);
    expect(digest.text).toContain('Still waiting for an answer');
    expect(digest.html).toContain('/console/');
  });
});

describe('email off', () => {
  it('says so in /readyz and stays ready when SMTP is not configured', async () => {
    const plain = await startServer();
    try {
      const ready = await fetch(`${plain.url}/readyz`);
      expect(ready.status).toBe(200);
      expect((await ready.json()).checks.email).toMatch(/not configured \(SMTP_URL is unset\)/);
    } finally {
      await plain.stop();
    }
  }, 180_000);
});
