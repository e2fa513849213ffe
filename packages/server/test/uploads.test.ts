import { readdirSync } from 'node:fs';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, login, request, visitor } from './helpers';

// Uploads belong to their uploader and their conversation (issue #14, items 6 and 11).

let server: TestServer;
let agent: string;
beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_VISITOR: '0' } });
  agent = await login(server);
}, 120_000);
afterAll(() => server?.stop());

async function visitorUpload(token: string, name = 'photo.pdf'): Promise<Response> {
  const form = new FormData();
  form.set('file', new Blob(['bytes'], { type: 'application/pdf' }), name);
  return fetch(`${server.url}/v1/uploads`, {
    method: 'POST',
    headers: { 'x-frontdesk-site': server.siteKey, authorization: `Bearer ${token}` },
    body: form,
  });
}

async function agentUpload(conversationId: string, name = 'label.pdf'): Promise<{ id: string; url: string }> {
  const form = new FormData();
  form.set('file', new Blob(['agent bytes'], { type: 'application/pdf' }), name);
  form.set('conversationId', conversationId);
  const response = await fetch(`${server.url}/v1/agent/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${agent}` },
    body: form,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; url: string };
}

const reply = (conversationId: string, body: object) =>
  request(server, 'POST', `/v1/agent/conversations/${conversationId}/messages`, {
    site: null,
    token: agent,
    body,
  });

describe('upload ownership', () => {
  it("never lets a visitor claim an agent's upload from an internal note", async () => {
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token, 'hello');
    const secret = await agentUpload(conv.id, 'fraud-review.pdf');
    expect(
      (
        await reply(conv.id, {
          clientId: cid(),
          text: 'fraud check',
          internal: true,
          attachmentIds: [secret.id],
        })
      ).status,
    ).toBe(201);
    // The visitor learnt the id: attaching it to their own message in their own conversation is refused…
    const claim = await request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
      token: v.token,
      body: { clientId: cid(), text: 'mine now', attachmentIds: [secret.id] },
    });
    expect(claim.status).toBe(400);
    expect(claim.body.error.issues[0].path).toBe('body.attachmentIds[0]');
    // …so is naming it in a form's file field, and downloading it is not found.
    const admin = await login(server, 'admin');
    const current = await request(server, 'GET', '/v1/admin/config', { site: null, token: admin });
    const proofForm = {
      id: 'proof',
      module: 'question',
      title: { en: 'Proof' },
      fields: [{ name: 'file', type: 'file', label: { en: 'File' }, required: true }],
    };
    const config = { ...current.body.config, forms: [...current.body.config.forms, proofForm] };
    expect(
      (await request(server, 'POST', '/v1/admin/config', { site: null, token: admin, body: { config } }))
        .status,
    ).toBe(201);
    const viaForm = await request(server, 'POST', '/v1/forms/proof/submissions', {
      token: v.token,
      body: { clientId: cid(), formId: 'proof', values: { file: secret.id } },
    });
    expect(viaForm.status).toBe(400);
    expect(viaForm.body.error.issues[0].path).toBe('body.values.file');
    const download = await fetch(`${server.url}${secret.url}`, {
      headers: { authorization: `Bearer ${v.token}` },
    });
    expect(download.status).toBe(404);
    // Their own file in the form works.
    const own = (await (await visitorUpload(v.token)).json()) as { id: string };
    const submitted = await request(server, 'POST', '/v1/forms/proof/submissions', {
      token: v.token,
      body: { clientId: cid(), formId: 'proof', values: { file: own.id } },
    });
    expect(submitted.status).toBe(201);
  });

  it("lets an agent attach only agents' uploads made for that conversation", async () => {
    const a = await visitor(server);
    const b = await visitor(server);
    const { conversation: convA } = await conversation(server, a.token, 'a');
    const { conversation: convB } = await conversation(server, b.token, 'b');
    const forA = await agentUpload(convA.id);
    const intoB = await reply(convB.id, { clientId: cid(), text: 'wrong place', attachmentIds: [forA.id] });
    expect(intoB.status).toBe(400);
    // A visitor's file cannot be forwarded by an agent into another visitor's conversation.
    const fromA = (await (await visitorUpload(a.token, 'a-private.pdf')).json()) as {
      id: string;
      url: string;
    };
    const forwarded = await reply(convB.id, { clientId: cid(), text: 'look', attachmentIds: [fromA.id] });
    expect(forwarded.status).toBe(400);
    expect(
      (await fetch(`${server.url}${fromA.url}`, { headers: { authorization: `Bearer ${b.token}` } })).status,
    ).toBe(404);
    const inA = await reply(convA.id, { clientId: cid(), text: 'your label', attachmentIds: [forA.id] });
    expect(inA.status).toBe(201);
    const opened = await fetch(`${server.url}${forA.url}`, {
      headers: { authorization: `Bearer ${a.token}` },
    });
    expect(await opened.text()).toBe('agent bytes');
    expect(
      (await fetch(`${server.url}${forA.url}`, { headers: { authorization: `Bearer ${b.token}` } })).status,
    ).toBe(404);
  });
});

describe('file names', () => {
  it('are stored and served without bidi controls or invisible characters', async () => {
    const v = await visitor(server);
    const uploaded = await visitorUpload(v.token, 'inv\u202Efdp.exe');
    expect(uploaded.status).toBe(201);
    const attachment = (await uploaded.json()) as { id: string; name: string; url: string };
    expect(attachment.name).toBe('invfdp.exe');
    const file = await fetch(`${server.url}${attachment.url}`, {
      headers: { authorization: `Bearer ${v.token}` },
    });
    expect(file.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''invfdp.exe");
    const hidden = await visitorUpload(v.token, 'in\u2066voice\u2069\u200E\u200F\u061C\u200B\uFEFF.pdf');
    expect(((await hidden.json()) as { name: string }).name).toBe('invoice.pdf');
    // What agents see in the conversation is the cleaned name.
    const { conversation: conv } = await conversation(server, v.token, 'see file');
    await request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
      token: v.token,
      body: { clientId: cid(), text: '', attachmentIds: [attachment.id] },
    });
    const seen = await request(server, 'GET', `/v1/agent/conversations/${conv.id}/messages`, {
      site: null,
      token: agent,
    });
    expect(JSON.stringify(seen.body)).toContain('"name":"invfdp.exe"');
    expect(JSON.stringify(seen.body)).not.toContain('\u202E');
  });
});

describe('download tokens', () => {
  it("refuses an agent token in the URL but serves it from the header; a visitor's ?token= link still works", async () => {
    const v = await visitor(server);
    const file = (await (await visitorUpload(v.token, 'receipt.pdf')).json()) as { url: string };
    const inUrl = await fetch(`${server.url}${file.url}?token=${encodeURIComponent(agent)}`);
    expect(inUrl.status).toBe(401);
    const refusal = (await inUrl.json()) as { error?: { message?: string }; message?: string };
    expect(JSON.stringify(refusal)).toContain('Authorization header');
    const inHeader = await fetch(`${server.url}${file.url}`, {
      headers: { authorization: `Bearer ${agent}` },
    });
    expect(inHeader.status).toBe(200);
    expect(await inHeader.text()).toBe('bytes');
    const visitorLink = await fetch(`${server.url}${file.url}?token=${encodeURIComponent(v.token)}`);
    expect(await visitorLink.text()).toBe('bytes');
    // Anyone else still learns nothing.
    expect((await fetch(`${server.url}${file.url}?token=nonsense`)).status).toBe(404);
  });
});

describe('HEAD on an upload', () => {
  it('answers the headers without a body and leaves no file open behind it', async () => {
    const v = await visitor(server);
    // Larger than one read buffer, so an unread stream would hold its file open.
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(300_000).fill(7)], { type: 'application/pdf' }), 'big.pdf');
    const uploaded = await fetch(`${server.url}/v1/uploads`, {
      method: 'POST',
      headers: { 'x-frontdesk-site': server.siteKey, authorization: `Bearer ${v.token}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const { url } = (await uploaded.json()) as { url: string };
    const head = () =>
      fetch(`${server.url}${url}`, { method: 'HEAD', headers: { authorization: `Bearer ${v.token}` } });
    const first = await head();
    expect(first.status).toBe(200);
    expect(first.headers.get('content-length')).toBe('300000');
    expect((await first.arrayBuffer()).byteLength).toBe(0);
    const openFiles = () => readdirSync(`/proc/${server.pid}/fd`).length;
    const before = openFiles();
    for (let i = 0; i < 100; i++) await (await head()).arrayBuffer();
    await new Promise((r) => setTimeout(r, 500));
    // A leak would keep one descriptor per HEAD; allow a few for sockets and the database.
    expect(openFiles() - before).toBeLessThan(10);
    const download = await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${v.token}` } });
    expect((await download.arrayBuffer()).byteLength).toBe(300_000);
  });
});
