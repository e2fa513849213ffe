import type { SearchHit } from '@frontdesk/protocol';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
}, 120_000);
afterAll(() => server?.stop());

const search = async (q: string, locale: string) =>
  (await request<SearchHit[]>(server, 'GET', `/v1/help/search?q=${encodeURIComponent(q)}&locale=${locale}`))
    .body;

const highlighted = (hit: SearchHit) => hit.highlights.map(([s, e]) => hit.snippet.slice(s, e));

describe('help-center search', () => {
  it('finds English articles by prefix and typo, most relevant first, with highlights', async () => {
    const hits = await search('deliv', 'en');
    expect(hits[0]?.slug).toBe('delivery-times');
    expect(highlighted(hits[0]!).map((t) => t.toLowerCase())).toContain('delivery');
    const typo = await search('pasword', 'en');
    expect(typo[0]?.slug).toBe('reset-password');
  });

  it('folds Czech, Hungarian and Latvian diacritics both ways', async () => {
    const cs = await search('prilis', 'cs');
    expect(cs[0]?.slug).toBe('delivery-times');
    expect(highlighted(cs[0]!)).toContain('Příliš');
    expect((await search('vrácení', 'cs'))[0]?.slug).toBe('returns');
    expect((await search('vraceni', 'cs'))[0]?.slug).toBe('returns');
    expect((await search('jelszo', 'hu'))[0]?.slug).toBe('reset-password');
    expect((await search('piegade', 'lv'))[0]?.slug).toBe('delivery-times');
  });

  it('finds Chinese by characters and character pairs', async () => {
    const hits = await search('退货', 'zh');
    expect(hits[0]?.slug).toBe('returns');
    expect(highlighted(hits[0]!)).toContain('退货');
    expect((await search('密码', 'zh'))[0]?.slug).toBe('reset-password');
  });

  it('falls back from a regional locale to its language and returns nothing for nothing', async () => {
    expect((await search('heslo', 'cs-CZ'))[0]?.locale).toBe('cs');
    expect(await search('', 'en')).toEqual([]);
    expect(await search('zzzzqqq', 'en')).toEqual([]);
    const bad = await request(server, 'GET', '/v1/help/search?q=x&locale=EN_us');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('query.locale');
  });

  it('serves published articles by id or slug, records feedback, and lists categories', async () => {
    const article = await request(server, 'GET', '/v1/help/articles/returns');
    expect(article.body).toMatchObject({ id: 'art-returns', status: 'published' });
    expect(Object.keys(article.body.translations)).toEqual(
      expect.arrayContaining(['en', 'cs', 'hu', 'lv', 'zh']),
    );
    expect(
      (await request(server, 'POST', '/v1/help/articles/art-returns/feedback', { body: { helpful: true } }))
        .status,
    ).toBe(204);
    expect(
      (await request(server, 'POST', '/v1/help/articles/art-returns/feedback', { body: { helpful: 'yes' } }))
        .status,
    ).toBe(400);
    expect((await request(server, 'GET', '/v1/help/articles/nope')).status).toBe(404);
    expect((await request(server, 'GET', '/v1/help/categories')).body).toHaveLength(2);
  });
});
