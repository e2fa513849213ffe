import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message } from '@frontdesk/protocol';
import { chatCompletionsResponder } from '@frontdesk/server/bot';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, login, request, visitor } from './helpers';

// The demo article the questions below are about (packages/server/src/seedData.ts).
const DELIVERY =
  'Orders ship within one business day. Delivery takes 2–4 days in the EU. You get a tracking link by email as soon as the parcel leaves our warehouse.';

/**
 * A local stand-in for an OpenAI-compatible chat-completions API: records requests, answers from `reply` (null
 * holds the request unanswered, like a model that is still thinking when the server stops).
 */
async function fakeModel(reply: (body: { messages: Array<{ content: string }> }) => string | null) {
  const requests: Array<{
    headers: IncomingMessage['headers'];
    body: { model: string; messages: Array<{ role: string; content: string }> };
  }> = [];
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      const body = JSON.parse(data);
      requests.push({ headers: req.headers, body });
      const content = reply(body);
      if (content === null) return;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url, requests, close };
}

/** Messages of a conversation as the agent sees them, once `done` holds (bounded wait). */
async function messagesUntil(server: TestServer, agent: string, id: string, done: (m: Message[]) => boolean) {
  for (let i = 0; i < 100; i++) {
    const reply = await request<Message[]>(server, 'GET', `/v1/agent/conversations/${id}/messages`, {
      site: null,
      token: agent,
    });
    if (done(reply.body)) return reply.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the bot did not act in conversation ${id}`);
}
const bots = (messages: Message[]) => messages.filter((m) => m.author.kind === 'bot');

async function say(server: TestServer, token: string, id: string, text: string, reply?: 'yes' | 'person') {
  const sent = await request(server, 'POST', `/v1/conversations/${id}/messages`, {
    token,
    body: { clientId: cid(), text, ...(reply ? { reply } : {}) },
  });
  expect(sent.status).toBe(201);
}

describe('the answer bot', () => {
  let server: TestServer;
  let agent: string;
  let admin: string;
  beforeAll(async () => {
    server = await startServer({ env: { FRONTDESK_SEED_BOT: '1', WEBHOOK_DEV_HOSTS: '127.0.0.1' } });
    agent = await login(server);
    admin = await login(server, 'admin');
  }, 120_000);
  afterAll(() => server?.stop());

  const conversationOf = async (id: string) =>
    (await request(server, 'GET', `/v1/agent/conversations/${id}`, { site: null, token: agent })).body
      .conversation;

  it('answers a question an article answers with its passage, and "Yes" resolves it as deflected', async () => {
    const v = await visitor(server, { locale: 'en' });
    const { conversation: conv } = await conversation(server, v.token, 'How long does delivery take?');
    expect(conv).toMatchObject({ status: 'pending', bot: 'answering' });
    // While the bot holds it, the chat is not waiting for an agent.
    const open = await request(server, 'GET', '/v1/agent/conversations?status=open', {
      site: null,
      token: agent,
    });
    expect(open.body.map((c: { id: string }) => c.id)).not.toContain(conv.id);
    const [answer] = bots(await messagesUntil(server, agent, conv.id, (m) => bots(m).length === 1));
    expect(answer!.author).toMatchObject({ kind: 'bot', name: 'Frontdesk Assistant' });
    expect(answer!.answer).toEqual({
      articleId: 'art-delivery',
      slug: 'delivery-times',
      title: 'How long does delivery take?',
      locale: 'en',
    });
    // Never invented: the text is the article's own words.
    expect(DELIVERY).toContain(answer!.text.replace(/^…|…$/g, ''));
    expect(answer!.text).toMatch(/2–4 days/);
    await say(server, v.token, conv.id, 'Yes, that answered it', 'yes');
    await messagesUntil(server, agent, conv.id, (m) => bots(m).length === 2);
    expect(await conversationOf(conv.id)).toMatchObject({ status: 'resolved', bot: 'confirmed' });
    const stats = await request(server, 'GET', '/v1/admin/stats', { site: null, token: admin });
    expect(stats.body.bot.deflected).toBeGreaterThanOrEqual(1);
    expect(stats.body.bot.answers).toBeGreaterThanOrEqual(1);
    expect(stats.body.bot.confirmed).toBeGreaterThanOrEqual(1);
  });

  it('samples a chat the bot resolved for quality review at once', async () => {
    const current = (await request(server, 'GET', '/v1/admin/config', { site: null, token: admin })).body
      .config;
    const push = (quality: object) =>
      request(server, 'POST', '/v1/admin/config', {
        site: null,
        token: admin,
        body: { config: { ...current, quality } },
      });
    expect((await push({ ...current.quality, sampling: [{ when: 'random', share: 1 }] })).status).toBe(201);
    try {
      const v = await visitor(server, { locale: 'en' });
      const { conversation: conv } = await conversation(server, v.token, 'How long does delivery take?');
      await messagesUntil(server, agent, conv.id, (m) => bots(m).length === 1);
      await say(server, v.token, conv.id, 'Yes', 'yes');
      let reasons: string[] | undefined;
      for (let i = 0; i < 50 && !reasons; i++) {
        const queue = await request(server, 'GET', '/v1/agent/quality/queue?limit=500', {
          site: null,
          token: admin,
        });
        reasons = queue.body.items.find(
          (q: { conversationId: string }) => q.conversationId === conv.id,
        )?.reasons;
        if (!reasons) await new Promise((r) => setTimeout(r, 100));
      }
      expect(reasons).toEqual(['random']);
    } finally {
      expect((await push(current.quality)).status).toBe(201);
    }
  });

  it("answers in the visitor's language from that translation of the article", async () => {
    const questions: Record<string, string> = {
      cs: 'Jak dlouho trvá doručení?',
      hu: 'Mennyi ideig tart a szállítás?',
      lv: 'Cik ilgi notiek piegāde?',
      zh: '配送需要多长时间？',
    };
    for (const [locale, question] of Object.entries(questions)) {
      const v = await visitor(server, { locale });
      const { conversation: conv } = await conversation(server, v.token, question);
      const [answer] = bots(await messagesUntil(server, agent, conv.id, (m) => bots(m).length === 1));
      expect(answer!.answer, locale).toMatchObject({ articleId: 'art-delivery', locale });
    }
  });

  it('hands a question no article answers straight to the team and says what happens next', async () => {
    const v = await visitor(server, { locale: 'en' });
    const { conversation: conv } = await conversation(server, v.token, 'My blender sparks when I plug it in');
    const messages = await messagesUntil(server, agent, conv.id, (m) => bots(m).length === 1);
    const [handoff] = bots(messages);
    expect(handoff!.answer).toBeUndefined();
    // No agent is online in the test: the visitor is asked for an email (the widget shows the form).
    expect(handoff!.text).toBe(
      'I am passing your question to our team. Nobody is available right now: leave your email and we will reply there.',
    );
    expect(await conversationOf(conv.id)).toMatchObject({ status: 'open', bot: 'handedOff' });
    // The team sees the whole exchange in the inbox.
    expect(messages.map((m) => m.author.kind)).toEqual(['visitor', 'bot']);
    const open = await request(server, 'GET', '/v1/agent/conversations?status=open', {
      site: null,
      token: agent,
    });
    expect(open.body.map((c: { id: string }) => c.id)).toContain(conv.id);
    // After the hand-off the bot stays silent.
    await say(server, v.token, conv.id, 'Hello?');
    await new Promise((r) => setTimeout(r, 300));
    expect(bots(await messagesUntil(server, agent, conv.id, () => true))).toHaveLength(1);
  });

  it('tells the visitor the expected reply time when an agent is online', async () => {
    await request(server, 'POST', '/v1/agent/presence', {
      site: null,
      token: agent,
      body: { status: 'online' },
    });
    try {
      const v = await visitor(server, { locale: 'cs' });
      const { conversation: conv } = await conversation(server, v.token, 'Mixér mi jiskří');
      const [handoff] = bots(await messagesUntil(server, agent, conv.id, (m) => bots(m).length === 1));
      expect(handoff!.text).toBe('Předávám váš dotaz našemu týmu. Obvykle odpoví do 5 minut.');
    } finally {
      await request(server, 'POST', '/v1/agent/presence', {
        site: null,
        token: agent,
        body: { status: 'offline' },
      });
    }
  });

  it('"Talk to a person" hands over after an answer', async () => {
    const v = await visitor(server, { locale: 'en' });
    const { conversation: conv } = await conversation(server, v.token, 'Can I return an item?');
    const [answer] = bots(await messagesUntil(server, agent, conv.id, (m) => bots(m).length === 1));
    expect(answer!.answer?.articleId).toBe('art-returns');
    const bad = await request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
      token: v.token,
      body: { clientId: cid(), text: 'Maybe', reply: 'maybe' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('body.reply');
    await say(server, v.token, conv.id, 'Talk to a person', 'person');
    await messagesUntil(server, agent, conv.id, (m) => bots(m).length === 2);
    expect(await conversationOf(conv.id)).toMatchObject({ status: 'open', bot: 'handedOff' });
  });

  it('stays out of a chat an agent has written into', async () => {
    const w = await visitor(server, { locale: 'en' });
    const { conversation: held } = await conversation(server, w.token, 'How long does delivery take?');
    await messagesUntil(server, agent, held.id, (m) => bots(m).length === 1);
    await request(server, 'POST', `/v1/agent/conversations/${held.id}/messages`, {
      site: null,
      token: agent,
      body: { clientId: cid(), text: 'Hi, Jana here. Anything else?' },
    });
    expect(await conversationOf(held.id)).toMatchObject({ status: 'open', bot: 'handedOff' });
    await say(server, w.token, held.id, 'How do I return an item?');
    await new Promise((r) => setTimeout(r, 300));
    expect(bots(await messagesUntil(server, agent, held.id, () => true))).toHaveLength(1);
  });

  it('hands over when the second answer is passed over too', async () => {
    const v = await visitor(server, { locale: 'en' });
    const { conversation: conv } = await conversation(server, v.token, 'How long does delivery take?');
    await messagesUntil(server, agent, conv.id, (m) => bots(m).length === 1);
    await say(server, v.token, conv.id, 'How do I return an item?');
    const second = await messagesUntil(server, agent, conv.id, (m) => bots(m).length === 2);
    expect(bots(second)[1]!.answer?.articleId).toBe('art-returns');
    await say(server, v.token, conv.id, 'Neither helps, my parcel is lost');
    const third = await messagesUntil(server, agent, conv.id, (m) => bots(m).length === 3);
    expect(bots(third)[2]!.answer).toBeUndefined();
    expect(await conversationOf(conv.id)).toMatchObject({ status: 'open', bot: 'handedOff' });
    const stats = await request(server, 'GET', '/v1/admin/stats', { site: null, token: admin });
    expect(stats.body.bot.handoffs).toBeGreaterThanOrEqual(1);
  });

  it('counts a search that ended with "Yes" on the article as a confirmed self-service answer', async () => {
    const reader = await visitor(server, { locale: 'en' });
    const before = (await request(server, 'GET', '/v1/admin/stats', { site: null, token: admin })).body;
    await request(server, 'GET', '/v1/help/search?q=refund', { token: reader.token });
    const feedback = await request(server, 'POST', '/v1/help/articles/art-returns/feedback', {
      token: reader.token,
      body: { helpful: true },
    });
    expect(feedback.status).toBe(204);
    let after = before;
    for (let i = 0; i < 50 && after.deflection.confirmed === before.deflection.confirmed; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = (await request(server, 'GET', '/v1/admin/stats', { site: null, token: admin })).body;
    }
    expect(after.deflection.confirmed).toBe(before.deflection.confirmed + 1);
  });

  it('follows bot.confidence: above every score, even a good question goes to the team', async () => {
    const current = await request(server, 'GET', '/v1/admin/config', { site: null, token: admin });
    const push = (bot: object) =>
      request(server, 'POST', '/v1/admin/config', {
        site: null,
        token: admin,
        body: { config: { ...current.body.config, bot: { ...current.body.config.bot, ...bot } } },
      });
    expect((await push({ confidence: 1 })).status).toBe(201);
    try {
      const v = await visitor(server, { locale: 'en' });
      const { conversation: conv } = await conversation(server, v.token, 'How long does delivery take?');
      const [handoff] = bots(await messagesUntil(server, agent, conv.id, (m) => bots(m).length === 1));
      expect(handoff!.answer).toBeUndefined();
      expect(await conversationOf(conv.id)).toMatchObject({ status: 'open', bot: 'handedOff' });
    } finally {
      expect((await push({ confidence: undefined })).status).toBe(201);
    }
  });

  it('rejects a bad bot config by path, and sends bot messages (author kind bot) and bot-resolved chats to webhooks', async () => {
    const current = await request(server, 'GET', '/v1/admin/config', { site: null, token: admin });
    const bad = await request(server, 'POST', '/v1/admin/config', {
      site: null,
      token: admin,
      body: { config: { ...current.body.config, bot: { enabled: true, confidence: 2, mood: 'cheerful' } } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['body.config.bot.confidence', 'body.config.bot.mood']),
    );

    const received: Array<{ message?: Message; conversation?: { id: string; bot?: string } }> = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push(JSON.parse(body).data);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
      const config = {
        ...current.body.config,
        webhooks: [{ url, events: ['message.created', 'conversation.resolved'] }],
      };
      const pushed = await request(server, 'POST', '/v1/admin/config', {
        site: null,
        token: admin,
        body: { config },
      });
      expect(pushed.status).toBe(201);
      const v = await visitor(server, { locale: 'en' });
      const { conversation: conv } = await conversation(server, v.token, 'How long does delivery take?');
      await messagesUntil(server, agent, conv.id, (m) => bots(m).length === 1);
      for (let i = 0; i < 100 && !received.some((d) => d.message?.author.kind === 'bot'); i++)
        await new Promise((r) => setTimeout(r, 100));
      const delivered = received.find((d) => d.message?.author.kind === 'bot');
      expect(delivered?.message).toMatchObject({
        conversationId: conv.id,
        author: { kind: 'bot', name: 'Frontdesk Assistant' },
        answer: { articleId: 'art-delivery' },
      });
      // "Yes" resolves it: the site hears of it like any resolved conversation.
      await say(server, v.token, conv.id, 'Yes, that answered it', 'yes');
      const resolved = () => received.find((d) => d.conversation?.id === conv.id);
      for (let i = 0; i < 100 && !resolved(); i++) await new Promise((r) => setTimeout(r, 100));
      expect(resolved()?.conversation).toMatchObject({ status: 'resolved', bot: 'confirmed' });
    } finally {
      await new Promise((resolve) => hook.close(resolve));
    }
  });
});

describe('the Responder adapter for OpenAI-compatible endpoints', () => {
  it('sends only the question and the retrieved passages, and returns the model text', async () => {
    const model = await fakeModel(() => 'Delivery takes 2–4 days in the EU.');
    try {
      const responder = chatCompletionsResponder({ url: model.url, model: 'test-model', apiKey: 'sk-test' });
      const text = await responder.respond({
        question: 'How long is shipping?',
        locale: 'en',
        passages: [{ articleId: 'a1', title: 'Delivery', text: DELIVERY }],
      });
      expect(text).toBe('Delivery takes 2–4 days in the EU.');
      const [sent] = model.requests;
      expect(sent!.headers.authorization).toBe('Bearer sk-test');
      expect(sent!.body.model).toBe('test-model');
      expect(sent!.body.messages.at(-1)!.content).toContain(DELIVERY);
      expect(sent!.body.messages.at(-1)!.content).toContain('How long is shipping?');
    } finally {
      await model.close();
    }
  });

  it('declines (null) when the model says the passages do not answer, and throws on HTTP errors', async () => {
    const model = await fakeModel(() => 'NO_ANSWER');
    try {
      const responder = chatCompletionsResponder({ url: `${model.url}/chat/completions`, model: 'm' });
      expect(await responder.respond({ question: 'q', locale: 'en', passages: [] })).toBeNull();
      const broken = chatCompletionsResponder({ url: 'http://127.0.0.1:1/v1', model: 'm', timeoutMs: 2000 });
      await expect(broken.respond({ question: 'q', locale: 'en', passages: [] })).rejects.toThrow();
    } finally {
      await model.close();
    }
  });

  it('words the bot answers on a server configured with it, under the same hand-off rules', async () => {
    const model = await fakeModel((body) =>
      body.messages.at(-1)!.content.includes('30 days') ? 'NO_ANSWER' : 'We ship within one business day.',
    );
    const server = await startServer({
      env: { FRONTDESK_SEED_BOT: '1', BOT_RESPONDER_URL: model.url, BOT_RESPONDER_MODEL: 'fake' },
    });
    try {
      const agent = await login(server);
      const v = await visitor(server, { locale: 'en' });
      const { conversation: conv } = await conversation(server, v.token, 'How long does delivery take?');
      const [answer] = bots(await messagesUntil(server, agent, conv.id, (m) => bots(m).length === 1));
      expect(answer).toMatchObject({
        text: 'We ship within one business day.',
        answer: { articleId: 'art-delivery' },
      });
      // The model declining is a hand-off, like a low-confidence search.
      const w = await visitor(server, { locale: 'en' });
      const { conversation: other } = await conversation(server, w.token, 'How do I return an item?');
      const [handoff] = bots(await messagesUntil(server, agent, other.id, (m) => bots(m).length === 1));
      expect(handoff!.answer).toBeUndefined();
      expect(model.requests.length).toBe(2);
    } finally {
      await server.stop();
      await model.close();
    }
  }, 120_000);

  it('answers, after a restart, a question the stopped server had not answered yet', async () => {
    let thinking = true;
    const model = await fakeModel(() => (thinking ? null : 'We ship within one business day.'));
    const server = await startServer({
      env: { FRONTDESK_SEED_BOT: '1', BOT_RESPONDER_URL: model.url, BOT_RESPONDER_MODEL: 'fake' },
    });
    try {
      const v = await visitor(server, { locale: 'en' });
      const { conversation: conv } = await conversation(server, v.token, 'How long does delivery take?');
      for (let i = 0; i < 100 && model.requests.length === 0; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(model.requests).toHaveLength(1);
      await server.kill();
      thinking = false;
      await server.restart();
      const agent = await login(server);
      const [answer] = bots(await messagesUntil(server, agent, conv.id, (m) => bots(m).length === 1));
      expect(answer).toMatchObject({
        text: 'We ship within one business day.',
        answer: { articleId: 'art-delivery' },
      });
    } finally {
      await server.stop();
      await model.close();
    }
  }, 120_000);
});
