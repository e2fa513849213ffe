import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database';
import { cid, login, request, visitor } from './helpers';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';

// Deleting a visitor erases them everywhere. Every value the visitor (and agents, about them) put in carries a
// random marker; after the erase, every table of the database (listed from information_schema, so a new table
// cannot be forgotten), every stream and every stored file is searched for it.

const hasPostgres = await postgresAvailable();

let receiver: Server;
let receiverUrl = '';
const hooked: string[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      hooked.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));

async function upload(server: TestServer, path: string, token: string, name: string, extra = {}) {
  const form = new FormData();
  form.set('file', new Blob([`contents of ${name}`], { type: 'application/pdf' }), name);
  for (const [key, value] of Object.entries(extra)) form.set(key, String(value));
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (!path.startsWith('/v1/agent')) headers['x-frontdesk-site'] = server.siteKey;
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: form });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; name: string };
}

/** A visitor with every kind of data, each value carrying `m`. Returns the visitor id. */
async function populate(server: TestServer, m: string): Promise<string> {
  const v = await visitor(server, {
    identity: { userId: `user-${m}`, name: `Zelda ${m}`, email: `zelda.${m}@example.com` },
  });
  const passport = await upload(server, '/v1/uploads', v.token, `passport-${m}.pdf`);
  const created = await request(server, 'POST', '/v1/conversations', {
    token: v.token,
    body: {
      clientId: cid(),
      subject: `Refund for ${m}`,
      message: { clientId: cid(), text: `my card is ${m}`, attachmentIds: [passport.id] },
    },
  });
  expect(created.status).toBe(201);
  const conv = created.body.conversation;
  const agent = await login(server);
  const label = await upload(server, '/v1/agent/uploads', agent, `label-${m}.pdf`, {
    conversationId: conv.id,
  });
  const say = (body: object) =>
    request(server, 'POST', `/v1/agent/conversations/${conv.id}/messages`, {
      site: null,
      token: agent,
      body,
    });
  expect((await say({ clientId: cid(), text: `Hello Zelda ${m}`, attachmentIds: [label.id] })).status).toBe(
    201,
  );
  expect((await say({ clientId: cid(), text: `note about ${m}`, internal: true })).status).toBe(201);
  await request(server, 'POST', `/v1/agent/conversations/${conv.id}/status`, {
    site: null,
    token: agent,
    body: { status: 'resolved' },
  });
  const rated = await request(server, 'POST', `/v1/conversations/${conv.id}/rating`, {
    token: v.token,
    body: { clientId: cid(), csat: 4, comment: `fine ${m}` },
  });
  expect(rated.status).toBe(201);
  const proof = await upload(server, '/v1/uploads', v.token, `proof-${m}.pdf`);
  const ticket = await request(server, 'POST', '/v1/forms/claim/submissions', {
    token: v.token,
    body: { clientId: cid(), formId: 'claim', values: { email: `claim.${m}@example.com`, proof: proof.id } },
  });
  expect(ticket.status).toBe(201);
  await request(server, 'GET', `/v1/help/search?q=${m}`, { token: v.token });
  await request(server, 'POST', '/v1/track', { token: v.token, body: { name: 'viewed', data: { sku: m } } });
  await request(server, 'POST', '/v1/session', {
    body: { visitorToken: v.token, page: { url: `https://shop.example/${m}`, title: m } },
  });
  // The never-attached upload is theirs too.
  await upload(server, '/v1/uploads', v.token, `draft-${m}.pdf`);
  return v.visitor.id;
}

/** Every row of every table of the schema, as text, that contains `needle`. */
async function rowsContaining(env: Record<string, string>, dataDir: string, needle: string) {
  const db = await openDatabase({
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    schema: env.DATABASE_SCHEMA || undefined,
  });
  try {
    const tables = await db.query<{ table_name: string }>(
      `select table_name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
    );
    const found: string[] = [];
    for (const { table_name } of tables) {
      const rows = await db.query<{ row: string }>(`select t::text as row from "${table_name}" t`);
      for (const { row } of rows) if (row.toLowerCase().includes(needle)) found.push(`${table_name}: ${row}`);
    }
    const streams = await db.query<{ stream_id: string }>('select distinct stream_id from events');
    return { tables: tables.map((t) => t.table_name), streams: streams.length, found };
  } finally {
    await db.close();
  }
}

/** Uploads whose bytes contain `needle`: in the database's `upload_chunks` on PostgreSQL, else files on disk. */
async function storedContaining(env: Record<string, string>, dataDir: string, needle: string) {
  if (!env.DATABASE_URL) return filesContaining(dataDir, needle);
  const db = await openDatabase({ dataDir, databaseUrl: env.DATABASE_URL, schema: env.DATABASE_SCHEMA });
  try {
    const rows = await db.query<{ upload_id: string; text: string }>(
      "select upload_id, convert_from(data, 'UTF8') as text from upload_chunks",
    );
    return rows.filter((row) => row.text.includes(needle)).map((row) => row.upload_id);
  } finally {
    await db.close();
  }
}

function filesContaining(dataDir: string, needle: string): string[] {
  const dir = join(dataDir, 'uploads');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((file) => readFileSync(join(dir, file), 'utf8').includes(needle));
}

describe.each([
  { storage: 'PGlite', postgres: false, skip: false },
  { storage: 'PostgreSQL', postgres: true, skip: !hasPostgres },
])('erasing a visitor ($storage)', ({ postgres, skip }) => {
  const schema = freshSchema();
  const env: Record<string, string> = {
    WEBHOOK_DEV_HOSTS: '127.0.0.1',
    RATE_LIMIT_VISITOR: '0',
    ...(postgres ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema } : {}),
  };
  let server: TestServer;
  beforeAll(async () => {
    if (skip) return;
    server = await startServer({ env });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    if (postgres && !skip) await dropSchema(schema);
  });

  it.skipIf(skip)(
    'removes the visitor from every table, every stream and the upload store; others stay',
    async () => {
      const admin = await login(server, 'admin');
      const current = await request(server, 'GET', '/v1/admin/config', { site: null, token: admin });
      const claim = {
        id: 'claim',
        module: 'question',
        title: { en: 'Claim' },
        fields: [
          { name: 'email', type: 'email', label: { en: 'Email' }, required: true },
          { name: 'proof', type: 'file', label: { en: 'Proof' }, required: true },
        ],
      };
      const events = [
        'conversation.created',
        'message.created',
        'conversation.resolved',
        'ticket.created',
        'rating.submitted',
      ];
      const config = {
        ...current.body.config,
        forms: [...current.body.config.forms, claim],
        webhooks: [{ url: receiverUrl, events }],
      };
      const pushed = await request(server, 'POST', '/v1/admin/config', {
        site: null,
        token: admin,
        body: { config },
      });
      expect(pushed.status).toBe(201);

      const m = `zq${randomBytes(5).toString('hex')}`;
      const other = `zq${randomBytes(5).toString('hex')}`;
      const id = await populate(server, m);
      await populate(server, other);
      for (let i = 0; i < 200 && hooked.filter((b) => b.includes(m)).length < 5; i++)
        await new Promise((r) => setTimeout(r, 50));

      // The export is the checklist: everything it shows of the visitor must be gone afterwards.
      const exported = await request(server, 'GET', `/v1/admin/visitors/${id}/export`, {
        site: null,
        token: admin,
      });
      const text = JSON.stringify(exported.body);
      for (const value of [
        `Zelda ${m}`,
        `zelda.${m}@example.com`,
        `my card is ${m}`,
        `Refund for ${m}`,
        `passport-${m}.pdf`,
        `label-${m}.pdf`,
        `proof-${m}.pdf`,
        `claim.${m}@example.com`,
        `fine ${m}`,
      ])
        expect(text).toContain(value);

      expect(
        (await request(server, 'DELETE', `/v1/admin/visitors/${id}`, { site: null, token: admin })).status,
      ).toBe(204);
      expect(
        (await request(server, 'DELETE', `/v1/admin/visitors/${id}`, { site: null, token: admin })).status,
      ).toBe(404);
      // Agents' streams stay readable (their events are anonymised in place, not removed).
      const agent = await login(server);
      const page = await request(server, 'GET', '/v1/agent/events?after=0', { site: null, token: agent });
      expect(page.status).toBe(200);
      expect(page.body.events.length).toBeGreaterThan(10);
      expect(JSON.stringify(page.body)).not.toContain(m);

      expect(await storedContaining(env, server.dataDir, m)).toEqual([]);
      expect((await storedContaining(env, server.dataDir, other)).length).toBe(4);
      if (!postgres) await server.kill();
      const gone = await rowsContaining(env, server.dataDir, m);
      expect(gone.tables).toEqual(
        expect.arrayContaining(['events', 'visitors', 'uploads', 'webhook_deliveries']),
      );
      expect(gone.streams).toBeGreaterThan(1);
      expect(gone.found).toEqual([]);
      // The same search finds the other visitor's data everywhere it should be (the search does see it all).
      const kept = await rowsContaining(env, server.dataDir, other);
      const keptTables = new Set(kept.found.map((row) => row.split(':')[0]));
      for (const table of [
        'visitors',
        'conversations',
        'messages',
        'events',
        'tickets',
        'ratings',
        'uploads',
      ])
        expect(keptTables).toContain(table);
      expect([...keptTables]).toEqual(expect.arrayContaining(['activity', 'webhook_deliveries']));
    },
    120_000,
  );
});
