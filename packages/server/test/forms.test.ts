import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, login, request, visitor } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { UPLOAD_MAX_BYTES: '1000' } });
}, 120_000);
afterAll(() => server?.stop());

const submission = (values: Record<string, unknown>, clientId = cid()) => ({
  clientId,
  formId: 'question',
  values,
});

describe('forms and tickets', () => {
  it('turns a valid submission into a ticket with a reference, idempotently, visible to agents', async () => {
    const v = await visitor(server);
    const body = submission({ email: 'ana@example.com', topic: 'order', message: 'Where is it?' });
    const first = await request(server, 'POST', '/v1/forms/question/submissions', { token: v.token, body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ formId: 'question', status: 'open', visitorId: v.visitor.id });
    expect(first.body.reference).toMatch(/^FD-\d{4,}$/);
    const again = await request(server, 'POST', '/v1/forms/question/submissions', { token: v.token, body });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const token = await login(server);
    const tickets = await request(server, 'GET', '/v1/agent/tickets', { site: null, token });
    expect(tickets.body.map((t: { id: string }) => t.id)).toContain(first.body.id);
    const inbox = await request(server, 'GET', '/v1/agent/conversations', { site: null, token });
    const conv = inbox.body.find((c: { id: string }) => c.id === first.body.conversationId);
    expect(conv.channel).toBe('form');
    expect(conv.preview).toContain('Where is it?');
    const updated = await request(server, 'PATCH', `/v1/agent/tickets/${first.body.id}`, {
      site: null,
      token,
      body: { status: 'resolved', outcome: 'answered' },
    });
    expect(updated.body).toMatchObject({ status: 'resolved', outcome: 'answered' });
    const second = await request(server, 'POST', '/v1/forms/question/submissions', {
      token: v.token,
      body: submission({ email: 'ana@example.com', topic: 'billing', message: 'Invoice?' }),
    });
    expect(Number(second.body.reference.slice(3))).toBe(Number(first.body.reference.slice(3)) + 1);
  });

  it('validates against the form definition, naming each field', async () => {
    const v = await visitor(server);
    const reply = await request(server, 'POST', '/v1/forms/question/submissions', {
      token: v.token,
      body: submission({ email: 'not-an-email', topic: 'weather', extra: 'x' }),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(
      ['body.values.email', 'body.values.extra', 'body.values.message', 'body.values.topic'].sort(),
    );
    const unknownForm = await request(server, 'POST', '/v1/forms/nope/submissions', {
      token: v.token,
      body: { ...submission({}), formId: 'nope' },
    });
    expect(unknownForm.status).toBe(404);
    const token = await login(server);
    const tickets = await request(server, 'GET', '/v1/agent/tickets', { site: null, token });
    expect(tickets.body.every((t: { visitorId: string }) => t.visitorId !== v.visitor.id)).toBe(true);
  });
});

describe('uploads', () => {
  const upload = (
    token: string,
    bytes: Uint8Array<ArrayBuffer> | string,
    type: string,
    name = 'shot.png',
  ) => {
    const form = new FormData();
    form.set('file', new Blob([bytes], { type }), name);
    return fetch(`${server.url}/v1/uploads`, {
      method: 'POST',
      headers: { 'x-frontdesk-site': server.siteKey, authorization: `Bearer ${token}` },
      body: form,
    });
  };

  it('stores an allowed file that only its owner and agents can fetch, and attaches it to a message', async () => {
    const v = await visitor(server);
    const png = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    const response = await upload(v.token, png, 'image/png');
    expect(response.status).toBe(201);
    const attachment = (await response.json()) as { id: string; url: string; size: number };
    expect(attachment.size).toBe(7);
    const own = await fetch(`${server.url}${attachment.url}`, {
      headers: { authorization: `Bearer ${v.token}` },
    });
    expect(own.status).toBe(200);
    expect(new Uint8Array(await own.arrayBuffer())).toEqual(png);
    const other = await visitor(server);
    const stranger = await fetch(`${server.url}${attachment.url}?token=${other.token}`);
    expect(stranger.status).toBe(404);
    expect((await fetch(`${server.url}${attachment.url}`)).status).toBe(404);
    const agent = await fetch(`${server.url}${attachment.url}`, {
      headers: { authorization: `Bearer ${await login(server)}` },
    });
    expect(agent.status).toBe(200);
    const { conversation: conv } = await conversation(server, v.token);
    const sent = await request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
      token: v.token,
      body: { clientId: cid(), text: '', attachmentIds: [attachment.id] },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.attachments[0]).toMatchObject({ id: attachment.id, type: 'image/png' });
    const stolen = await request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
      token: other.token,
      body: { clientId: cid(), text: 'x', attachmentIds: [attachment.id] },
    });
    expect(stolen.status).toBe(404);
    const { conversation: otherConv } = await conversation(server, other.token);
    const misuse = await request(server, 'POST', `/v1/conversations/${otherConv.id}/messages`, {
      token: other.token,
      body: { clientId: cid(), text: 'x', attachmentIds: [attachment.id] },
    });
    expect(misuse.status).toBe(400);
    expect(misuse.body.error.issues[0].path).toBe('body.attachmentIds[0]');
  });

  it('lets an agent attach a file to a reply that the visitor can open', async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token);
    const agentToken = await login(server);
    const agentUpload = (conversationId?: string) => {
      const form = new FormData();
      form.set('file', new Blob(['label'], { type: 'application/pdf' }), 'label.pdf');
      if (conversationId) form.set('conversationId', conversationId);
      return fetch(`${server.url}/v1/agent/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${agentToken}` },
        body: form,
      });
    };
    const uploaded = await agentUpload(conv.id);
    expect(uploaded.status).toBe(201);
    const attachment = (await uploaded.json()) as { id: string; url: string };
    const open = (url: string) =>
      fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${v.token}` } });
    // Not shared yet, or shared only in an internal note: the visitor cannot open it.
    expect((await open(attachment.url)).status).toBe(404);
    const secret = (await (await agentUpload(conv.id)).json()) as { id: string; url: string };
    await request(server, 'POST', `/v1/agent/conversations/${conv.id}/messages`, {
      site: null,
      token: agentToken,
      body: { clientId: cid(), text: 'Fraud review', internal: true, attachmentIds: [secret.id] },
    });
    expect((await open(secret.url)).status).toBe(404);
    const reply = await request(server, 'POST', `/v1/agent/conversations/${conv.id}/messages`, {
      site: null,
      token: agentToken,
      body: { clientId: cid(), text: 'Your return label', attachmentIds: [attachment.id] },
    });
    expect(reply.body.attachments[0].id).toBe(attachment.id);
    const opened = await open(attachment.url);
    expect(await opened.text()).toBe('label');
    expect((await agentUpload()).status).toBe(400);
    expect((await agentUpload('cv_nope')).status).toBe(404);
  });

  it('refuses disallowed types, oversized files and missing files', async () => {
    const v = await visitor(server);
    expect((await upload(v.token, 'MZ...', 'application/x-msdownload', 'evil.exe')).status).toBe(415);
    expect((await upload(v.token, new Uint8Array(2000), 'image/png')).status).toBe(413);
    const empty = await fetch(`${server.url}/v1/uploads`, {
      method: 'POST',
      headers: { 'x-frontdesk-site': server.siteKey, authorization: `Bearer ${v.token}` },
      body: new FormData(),
    });
    expect(empty.status).toBe(400);
    expect((await upload('nope', 'x', 'text/plain')).status).toBe(401);
  });
});
