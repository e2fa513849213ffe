import type { Article, SearchHit } from '@frontdesk/protocol';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, request } from './helpers';

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startServer();
  admin = await login(server, 'admin');
}, 120_000);
afterAll(() => server?.stop());

const search = async (q: string) =>
  (
    await request<SearchHit[]>(server, 'GET', `/v1/help/search?q=${encodeURIComponent(q)}&locale=en`)
  ).body.map((h) => h.slug);
const save = (status: 'draft' | 'published', body: string) =>
  request<Article>(server, 'PUT', '/v1/admin/articles/art-gift', {
    token: admin,
    body: { slug: 'gift-wrapping', status, translations: { en: { title: 'Gift wrapping', body } } },
  });

describe('a draft of a published article', () => {
  it('is a separate revision: the published text stays live and searchable until the draft is published', async () => {
    expect((await save('published', 'We wrap parcels in recycled paper.')).status).toBe(200);
    expect(await search('recycled')).toContain('gift-wrapping');

    const saved = await save('draft', 'We wrap parcels in golden ribbons.');
    expect(saved.body.status).toBe('published');
    expect(saved.body.draft?.translations.en?.body).toBe('We wrap parcels in golden ribbons.');

    // Visitors: the published text, still found by search, and nothing of the draft.
    const live = await request<Article>(server, 'GET', '/v1/help/articles/gift-wrapping');
    expect(live.status).toBe(200);
    expect(live.body.translations.en?.body).toBe('We wrap parcels in recycled paper.');
    expect(JSON.stringify(live.body)).not.toContain('golden');
    expect(await search('recycled')).toContain('gift-wrapping');
    expect(await search('golden ribbons')).not.toContain('gift-wrapping');

    // Admins see that a draft exists.
    const list = await request<Article[]>(server, 'GET', '/v1/admin/articles', { token: admin });
    expect(list.body.find((a) => a.id === 'art-gift')?.draft?.translations.en?.body).toContain('golden');

    // Publishing it replaces the live text and clears the draft.
    const published = await save('published', 'We wrap parcels in golden ribbons.');
    expect(published.body.draft).toBeNull();
    const after = await request<Article>(server, 'GET', '/v1/help/articles/gift-wrapping');
    expect(after.body.translations.en?.body).toBe('We wrap parcels in golden ribbons.');
    expect(await search('golden')).toContain('gift-wrapping');
  });

  it('of a never-published article stays a draft that visitors cannot see', async () => {
    const created = await request<Article>(server, 'PUT', '/v1/admin/articles/art-secret', {
      token: admin,
      body: {
        slug: 'secret-sale',
        status: 'draft',
        translations: { en: { title: 'Secret sale', body: 'Soon.' } },
      },
    });
    expect(created.body).toMatchObject({ status: 'draft', draft: null });
    expect((await request(server, 'GET', '/v1/help/articles/secret-sale')).status).toBe(404);
  });
});

describe('unpublishing', () => {
  it('takes a published article offline for visitors and search, keeping its text, until it is published again', async () => {
    expect((await save('published', 'We wrap parcels in hemp twine.')).status).toBe(200);
    expect(await search('hemp twine')).toContain('gift-wrapping');

    const off = await request<Article>(server, 'POST', '/v1/admin/articles/art-gift/unpublish', {
      token: admin,
    });
    expect(off.status).toBe(200);
    expect(off.body.status).toBe('draft');
    expect(off.body.translations.en?.body).toBe('We wrap parcels in hemp twine.');
    expect(await search('hemp twine')).not.toContain('gift-wrapping');
    expect((await request(server, 'GET', '/v1/help/articles/gift-wrapping')).status).toBe(404);

    expect((await save('published', 'We wrap parcels in hemp twine.')).status).toBe(200);
    expect(await search('hemp twine')).toContain('gift-wrapping');
    const missing = await request(server, 'POST', '/v1/admin/articles/art-none/unpublish', { token: admin });
    expect(missing.status).toBe(404);
  });
});
