import { articlesFromFiles, articleToFiles, parseFrontMatter } from '@frontdesk/admin';
import { describe, expect, it } from 'vitest';

describe('article files', () => {
  it('parses front matter and keeps the body exactly', () => {
    const body = '# Title\n\nSome *text*: with colons.\n\n---\n\nMore.\n';
    const parsed = parseFrontMatter(`---\ntitle: "A: quoted"\nslug: a-b\n---\n${body}`);
    expect(parsed.data).toEqual({ title: 'A: quoted', slug: 'a-b' });
    expect(parsed.body).toBe(body);
  });

  it('groups translations of one slug into one article', () => {
    const { articles, problems } = articlesFromFiles([
      { path: 'en/shipping.md', text: '---\ntitle: Shipping\nstatus: published\n---\nBody en\n' },
      { path: 'cs/shipping.md', text: '---\ntitle: Doprava\n---\nBody cs\n' },
      { path: 'notitle.md', text: 'no front matter' },
    ]);
    expect(problems).toEqual([
      'notitle.md: expected a locale (front matter "locale:" or a folder like en/), found nothing',
    ]);
    expect(articles).toEqual([
      {
        id: 'shipping',
        input: {
          slug: 'shipping',
          categoryId: null,
          status: 'published',
          translations: {
            en: { title: 'Shipping', body: 'Body en\n' },
            cs: { title: 'Doprava', body: 'Body cs\n' },
          },
        },
      },
    ]);
  });

  it('writes files that read back to the same article', () => {
    const article = {
      id: 'a1',
      slug: 'returns',
      categoryId: 'c1',
      status: 'draft' as const,
      translations: {
        en: {
          title: 'Returns: how "to"',
          body: 'Line 1\n\nLine 2',
          questions: ['Can I send it back?', 'Return "label", please'],
        },
      },
      updatedAt: '2026-11-23T18:00:00.000Z',
    };
    const files = articleToFiles(article);
    expect(files[0]?.path).toBe('en/returns.md');
    expect(files[0]?.text).toContain('questions: ["Can I send it back?","Return \\"label\\", please"]');
    const back = articlesFromFiles(files).articles[0];
    expect(back).toEqual({
      id: 'a1',
      input: { slug: 'returns', categoryId: 'c1', status: 'draft', translations: article.translations },
    });
  });

  it('reads alternative questions from front matter and names a malformed list by file', () => {
    const { articles, problems } = articlesFromFiles([
      { path: 'en/a.md', text: '---\ntitle: A\nquestions: ["Where is my parcel?", "Lost box"]\n---\nBody\n' },
      { path: 'en/b.md', text: '---\ntitle: B\nquestions: Where is my parcel?\n---\nBody\n' },
    ]);
    expect(articles[0]?.input.translations.en?.questions).toEqual(['Where is my parcel?', 'Lost box']);
    expect(problems).toEqual([
      'en/b.md: expected questions as a list of strings like ["Where is my parcel?"], found Where is my parcel?',
    ]);
  });
});
