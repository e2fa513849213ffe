import type { SearchHit } from '@frontdesk/protocol';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, request, visitor } from './helpers';

let server: TestServer;
let adminToken: string;
let agentToken: string;
beforeAll(async () => {
  server = await startServer();
  adminToken = await login(server, 'admin');
  agentToken = await login(server, 'agent');
}, 120_000);
afterAll(() => server?.stop());

const search = async (q: string, token?: string) =>
  (
    await request<SearchHit[]>(server, 'GET', `/v1/help/search?q=${encodeURIComponent(q)}&locale=en`, {
      token,
    })
  ).body;
const admin = (method: string, path: string, body?: unknown) =>
  request(server, method, `/v1/admin${path}`, { site: null, token: adminToken, body });

describe('alternative questions', () => {
  it('an agent adds a visitor question to an article in one call, and search finds the article by it', async () => {
    expect(await search('neighbour refuse')).toEqual([]);
    const added = await request(server, 'POST', '/v1/agent/articles/art-returns/questions', {
      site: null,
      token: agentToken,
      body: { locale: 'en', question: '  Courier left it with my neighbour, can I refuse it? ' },
    });
    expect(added.status).toBe(200);
    expect(added.body.translations.en.questions).toContain(
      'Courier left it with my neighbour, can I refuse it?',
    );
    expect((await search('neighbour refuse'))[0]?.slug).toBe('returns');
    // The same question again is not added twice; a locale the article lacks is named.
    const again = await request(server, 'POST', '/v1/agent/articles/art-returns/questions', {
      site: null,
      token: agentToken,
      body: { locale: 'en', question: 'courier left it with my neighbour, can I refuse it?' },
    });
    expect(again.body.translations.en.questions).toHaveLength(1);
    const missing = await request(server, 'POST', '/v1/agent/articles/art-returns/questions', {
      site: null,
      token: agentToken,
      body: { locale: 'de', question: 'Paket?' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('"de"');
  });

  it('proposes the question of a visitor who confirmed the article answered it; the admin accepts or dismisses', async () => {
    const v = await visitor(server);
    const question = 'my tent has a hole, can I return it';
    const hits = await search(question, v.token);
    const found = hits.find((h) => h.slug === 'returns');
    expect(found).toBeDefined();
    const yes = await request(server, 'POST', `/v1/help/articles/${found!.articleId}/feedback`, {
      token: v.token,
      body: { helpful: true },
    });
    expect(yes.status).toBe(204);
    // A confirmation without a search (or by someone else) proposes nothing.
    await request(server, 'POST', '/v1/help/articles/art-delivery/feedback', {
      token: v.token,
      body: { helpful: true },
    });
    const proposals = (await admin('GET', '/question-proposals')).body;
    expect(proposals).toEqual([
      expect.objectContaining({ articleId: 'art-returns', locale: 'en', question }),
    ]);
    expect(
      (await request(server, 'GET', '/v1/agent/articles', { site: null, token: agentToken })).status,
    ).toBe(200);
    expect(
      (await request(server, 'GET', '/v1/admin/question-proposals', { site: null, token: agentToken }))
        .status,
    ).toBe(403);

    const accepted = await admin('POST', `/question-proposals/${proposals[0].id}/accept`);
    expect(accepted.body.translations.en.questions).toContain(question);
    expect((await admin('GET', '/question-proposals')).body).toEqual([]);
    expect((await admin('POST', `/question-proposals/${proposals[0].id}/dismiss`)).status).toBe(404);
  });
});
