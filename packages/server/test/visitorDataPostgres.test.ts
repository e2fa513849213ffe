import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversation, login, request, visitor } from './helpers';
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from './postgres';

// #17 part A on PostgreSQL: migration 8 and the jsonb / text[] writes run there as on the embedded database.
const hasPostgres = await postgresAvailable();
const schema = freshSchema();
let server: TestServer;
beforeAll(async () => {
  if (!hasPostgres) return;
  server = await startServer({ env: { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema } });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  if (hasPostgres) await dropSchema(schema);
});

describe.skipIf(!hasPostgres)('visitor data on PostgreSQL', () => {
  it('stores a lead and a company, holds fields and tags for the next conversation, lets agents tag, erases', async () => {
    const v = await visitor(server);
    const patch = (body: unknown) => request(server, 'PATCH', '/v1/visitor', { token: v.token, body });
    const updated = await patch({
      lead: { email: 'pg-lead@example.com' },
      company: { id: 'pg-co', name: 'PG Co' },
      conversation: { fields: { orderId: '9' }, addTags: ['pg'] },
    });
    expect(updated.body).toMatchObject({ email: null, lead: { email: 'pg-lead@example.com' } });
    const { conversation: conv } = await conversation(server, v.token, 'on postgres');
    expect(conv.fields).toEqual({ orderId: '9' });
    const agent = await login(server);
    const tagged = await request(server, 'POST', `/v1/agent/conversations/${conv.id}/tags`, {
      token: agent,
      body: { add: ['second'], remove: ['pg'] },
    });
    expect(tagged.body.tags).toEqual(['second']);
    const admin = await login(server, 'admin');
    const erased = await request(server, 'DELETE', '/v1/admin/visitors?email=pg-lead@example.com', {
      token: admin,
    });
    expect(erased.body.deleted).toEqual([v.visitor.id]);
  });
});
