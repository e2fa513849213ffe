import type { SearchHit } from '@frontdesk/protocol';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, request } from './helpers';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startServer();
  token = await login(server, 'admin');
}, 120_000);
afterAll(() => server?.stop());

const search = async (q: string, locale = 'en') =>
  (await request<SearchHit[]>(server, 'GET', `/v1/help/search?q=${encodeURIComponent(q)}&locale=${locale}`))
    .body;
const admin = (method: string, path: string, body?: unknown) =>
  request(server, method, `/v1/admin${path}`, { site: null, token, body });

describe('help search on the server', () => {
  it('answers long questions up to 1,000 characters and refuses longer ones by name', async () => {
    const long = `${'I ordered a tent last week and I would like to know '.repeat(8)}how long does delivery take`;
    expect(long.length).toBeGreaterThan(200);
    expect((await search(long))[0]?.slug).toBe('delivery-times');
    const tooLong = await request(server, 'GET', `/v1/help/search?q=${'a'.repeat(1001)}&locale=en`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.issues[0]).toMatchObject({
      path: 'query.q',
      message: expect.stringContaining('at most 1000 characters'),
    });
  });

  it('gives every hit a calibrated score and a verdict, the best hit first', async () => {
    const hits = await search('how long does delivery take');
    expect(hits[0]).toMatchObject({ slug: 'delivery-times', verdict: 'answer' });
    expect(hits[0]!.score).toBeGreaterThan(0.5);
    expect(hits[0]!.score).toBeLessThanOrEqual(1);
    for (const hit of hits.slice(1)) expect(hit.score).toBeLessThan(hits[0]!.score);
    // A question about something the help center does not cover, sharing one common word with it.
    const weak = await search('does the volcano tour take children');
    expect(weak[0]?.verdict ?? 'none').not.toBe('answer');
  });

  it('finds an article by its alternative questions, and by a synonym from the config, right after the change', async () => {
    const article = {
      slug: 'lost-parcel',
      status: 'published',
      translations: {
        en: {
          title: 'Missing shipments',
          body: 'Contact the carrier with your tracking number first.',
          questions: ['My package never arrived', '  Who do I call about a stolen box?  '],
        },
      },
    };
    const put = await admin('PUT', '/articles/art-lost', article);
    expect(put.status).toBe(200);
    expect(put.body.translations.en.questions).toEqual([
      'My package never arrived',
      'Who do I call about a stolen box?',
    ]);
    expect((await search('stolen box'))[0]?.slug).toBe('lost-parcel');
    const bad = await admin('PUT', '/articles/art-lost', {
      ...article,
      translations: { en: { ...article.translations.en, questions: [''] } },
    });
    expect(bad.body.error.issues[0].path).toBe('body.translations.en.questions[0]');

    expect((await search('courier')).map((h) => h.slug)).not.toContain('lost-parcel');
    const current = await admin('GET', '/config');
    const config = { ...current.body.config };
    config.helpCenter = { ...config.helpCenter, synonyms: { en: [['carrier', 'courier']] } };
    expect((await admin('POST', '/config', { config })).status).toBe(201);
    // The config cache of the site lasts seconds; the search reads the config the request resolved.
    await expect
      .poll(async () => (await search('courier'))[0]?.slug, { timeout: 10_000 })
      .toBe('lost-parcel');

    // A draft of a published article keeps the published text live (a separate revision); deleting takes it out.
    await admin('PUT', '/articles/art-lost', { ...article, status: 'draft' });
    expect((await search('stolen box')).map((h) => h.slug)).toContain('lost-parcel');
    await admin('DELETE', '/articles/art-lost');
    expect((await search('stolen box')).map((h) => h.slug)).not.toContain('lost-parcel');
  });
});
