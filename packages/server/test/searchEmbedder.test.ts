import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SearchHit } from '@frontdesk/protocol';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, request } from './helpers';

// A fake OpenAI-compatible embeddings endpoint on loopback with a deterministic toy embedding: one dimension per
// concept, so "box" and "shipment" are close although they share no letters (what BM25 cannot know).
const CONCEPTS = [
  ['parcel', 'package', 'box', 'shipment', 'shipments'],
  ['refund', 'money', 'cash', 'reimbursement'],
  ['password', 'login', 'sign'],
];
function toyEmbedding(text: string): number[] {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  return CONCEPTS.map((group) => words.filter((w) => group.includes(w)).length + 0.01);
}

describe('help search with an embeddings endpoint (OpenAI-compatible, fused by reciprocal rank)', () => {
  let fake: Server;
  let server: TestServer;
  const seen: Array<{ auth: string | undefined; model: string; input: string[] }> = [];
  let failing = false;

  beforeAll(async () => {
    fake = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const parsed = JSON.parse(body) as { model: string; input: string[] };
        seen.push({ auth: req.headers.authorization, ...parsed });
        if (failing || req.url !== '/v1/embeddings') {
          res.writeHead(failing ? 503 : 404).end();
          return;
        }
        const data = parsed.input.map((text, index) => ({
          object: 'embedding',
          index,
          embedding: toyEmbedding(text),
        }));
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ data, model: parsed.model }));
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    const { port } = fake.address() as AddressInfo;
    server = await startServer({
      env: {
        SEARCH_EMBEDDINGS_URL: `http://127.0.0.1:${port}/v1`,
        SEARCH_EMBEDDINGS_MODEL: 'toy-concepts',
        SEARCH_EMBEDDINGS_KEY: 'sk-test',
      },
    });
    const token = await login(server, 'admin');
    const put = await request(server, 'PUT', '/v1/admin/articles/art-lost', {
      site: null,
      token,
      body: {
        slug: 'lost-shipments',
        status: 'published',
        translations: {
          en: { title: 'Lost shipments', body: 'Contact the carrier with your tracking number.' },
        },
      },
    });
    expect(put.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await new Promise((resolve) => fake?.close(resolve));
  });

  const search = async (q: string) =>
    (await request<SearchHit[]>(server, 'GET', `/v1/help/search?q=${encodeURIComponent(q)}&locale=en`)).body;

  it('finds an article that shares no word with the question, through the embeddings', async () => {
    const hits = await search('where is my box');
    expect(hits.map((h) => h.slug)).toContain('lost-shipments');
    // Found by meaning only: shown, but never asserted as the answer.
    expect(hits.find((h) => h.slug === 'lost-shipments')?.verdict).not.toBe('answer');
    expect(seen[0]).toMatchObject({ auth: 'Bearer sk-test', model: 'toy-concepts' });
    // Documents are embedded once; later searches send only the query.
    const before = seen.length;
    await search('where is my package');
    expect(seen.slice(before).map((r) => r.input.length)).toEqual([1]);
  });

  it('keeps answering with BM25F alone while the endpoint fails', async () => {
    failing = true;
    try {
      const hits = await search('how long does delivery take');
      expect(hits[0]?.slug).toBe('delivery-times');
      expect(await search('where is my box')).toEqual([]);
    } finally {
      failing = false;
    }
  });
});
