import type { StreamEvent } from '@frontdesk/protocol';
import { isFrontdeskError } from '../errors';
import { clientId } from '../id';
import type { Backend, LinkStatus } from '../types';

/**
 * Makes a backend for a new, not yet started visitor of one site. Every call must return a separate visitor of the
 * same site (isolation is checked with two).
 */
export type MakeBackend = () => Backend | Promise<Backend>;

/** One named check of the contract. */
export interface ConformanceCheck {
  name: string;
  run(make: MakeBackend): Promise<void>;
}

/**
 * The `describe` and `it` of your test runner: Vitest or Jest `{ describe, it }`, node:test `{ describe, it }`,
 * Playwright `{ describe: test.describe, it: test }`.
 */
export interface TestApi {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
}

class ConformanceError extends Error {
  override readonly name = 'ConformanceError';
}
function assert(ok: unknown, message: string): asserts ok {
  if (!ok) throw new ConformanceError(message);
}
const same = (a: unknown, b: unknown, what: string) =>
  assert(
    JSON.stringify(a) === JSON.stringify(b),
    `${what}: expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`,
  );

async function rejects(call: () => Promise<unknown>, code: string, what: string) {
  try {
    await call();
  } catch (error) {
    assert(isFrontdeskError(error), `${what}: expected a FrontdeskError, got ${String(error)}`);
    same(error.code, code, `${what}: error code`);
    assert(error.message.length > 0, `${what}: the error says what happened`);
    return error;
  }
  throw new ConformanceError(`${what}: expected a rejection with code ${code}, but it resolved`);
}

async function started(make: MakeBackend) {
  const backend = await make();
  const session = await backend.startSession({ locale: 'en' });
  return { backend, session };
}

async function conversationWith(backend: Backend, text = 'hello') {
  return backend.createConversation({ clientId: clientId(), message: { clientId: clientId(), text } });
}

async function allEvents(backend: Backend, after: number, limit = 100) {
  const events: StreamEvent[] = [];
  for (let cursor = after, i = 0; i < 1000; i++) {
    const page = await backend.events(cursor, limit);
    events.push(...page.events);
    same(
      page.cursor,
      page.events.at(-1)?.seq ?? cursor,
      'events(): cursor is the last seq of the page (or `after`)',
    );
    if (!page.hasMore) return events;
    assert(page.events.length > 0, 'events(): hasMore with an empty page');
    cursor = page.cursor;
  }
  throw new ConformanceError('events(): hasMore never ended');
}

/** Collect what a subscription delivers until `until` holds (bounded by a deadline). */
function collect(
  backend: Backend,
  after: number,
  until: (events: StreamEvent[]) => boolean,
  timeout = 10_000,
) {
  return new Promise<{ events: StreamEvent[]; statuses: LinkStatus[] }>((resolve, reject) => {
    const events: StreamEvent[] = [];
    const statuses: LinkStatus[] = [];
    let close = () => {};
    const timer = setTimeout(() => {
      close();
      reject(new ConformanceError(`subscribe(): timed out; got seqs ${events.map((e) => e.seq).join(',')}`));
    }, timeout);
    const check = () => {
      if (!until(events)) return;
      clearTimeout(timer);
      queueMicrotask(() => close());
      resolve({ events, statuses });
    };
    close = backend.subscribe(after, {
      event(event) {
        events.push(event);
        check();
      },
      status: (s) => statuses.push(s),
    });
    check();
  });
}

const increasing = (seqs: number[], from: number, what: string) =>
  same(
    seqs,
    seqs.map((_, i) => from + i),
    `${what}: seqs strictly increasing by one from ${from}`,
  );

/** Every check of the Backend contract (docs/backend-interface.md). */
export const conformanceChecks: ConformanceCheck[] = [
  {
    name: 'a session resumes the same visitor with its token',
    async run(make) {
      const { session } = await started(make);
      assert(session.visitorToken && session.visitor.id, 'startSession(): a token and a visitor');
      assert(Number.isInteger(session.cursor) && session.cursor >= 0, 'startSession(): a cursor >= 0');
      assert(session.config && typeof session.config === 'object', 'startSession(): the config');
      const backend = await make();
      const again = await backend.startSession({ visitorToken: session.visitorToken });
      same(again.visitor.id, session.visitor.id, 'resumed visitor id');
      // Without a token (after a reset), a new visitor, even on a backend that had a session.
      const fresh = await backend.startSession({});
      assert(fresh.visitor.id !== session.visitor.id, 'startSession() without a token starts a new visitor');
    },
  },
  {
    name: 'creating a conversation is idempotent by clientId',
    async run(make) {
      const { backend } = await started(make);
      const input = { clientId: clientId(), message: { clientId: clientId(), text: 'first' } };
      const a = await backend.createConversation(input);
      const b = await backend.createConversation(input);
      same(b.conversation.id, a.conversation.id, 'repeated create: conversation id');
      same(b.message?.id, a.message?.id, 'repeated create: first message id');
      const list = await backend.listConversations();
      same(list.filter((c) => c.clientId === input.clientId).length, 1, 'conversations with that clientId');
      same((await backend.listMessages(a.conversation.id)).length, 1, 'messages after a repeated create');
    },
  },
  {
    name: 'sending is idempotent by clientId, also when repeats race',
    async run(make) {
      const { backend } = await started(make);
      const { conversation } = await conversationWith(backend);
      const input = { clientId: clientId(), text: 'once' };
      const first = await backend.sendMessage(conversation.id, input);
      const [again, raced] = await Promise.all([
        backend.sendMessage(conversation.id, input),
        backend.sendMessage(conversation.id, input),
      ]);
      same([again.id, again.seq, raced.id], [first.id, first.seq, first.id], 'repeated send: id and seq');
      const racing = { clientId: clientId(), text: 'raced' };
      const both = await Promise.all([
        backend.sendMessage(conversation.id, racing),
        backend.sendMessage(conversation.id, racing),
      ]);
      same(both[1].id, both[0].id, 'concurrent first sends: one message');
      const texts = (await backend.listMessages(conversation.id)).map((m) => m.text);
      same(texts, ['hello', 'once', 'raced'], 'stored messages');
    },
  },
  {
    name: 'messages keep the order they were acknowledged in, with gap-free seqs',
    async run(make) {
      const { backend } = await started(make);
      const { conversation } = await conversationWith(backend, 'm0');
      for (let i = 1; i < 25; i++)
        await backend.sendMessage(conversation.id, { clientId: clientId(), text: `m${i}` });
      const messages = await backend.listMessages(conversation.id);
      same(
        messages.map((m) => m.text),
        Array.from({ length: 25 }, (_, i) => `m${i}`),
        'texts in order',
      );
      increasing(
        messages.map((m) => m.seq),
        1,
        'message seqs',
      );
      const tail = await backend.listMessages(conversation.id, { afterSeq: 20 });
      same(
        tail.map((m) => m.seq),
        [21, 22, 23, 24, 25],
        'listMessages(afterSeq: 20)',
      );
      const page = await backend.listMessages(conversation.id, { afterSeq: 5, limit: 3 });
      same(
        page.map((m) => m.seq),
        [6, 7, 8],
        'listMessages(afterSeq: 5, limit: 3)',
      );
    },
  },
  {
    name: 'events(after) returns exactly the events after the cursor, in pages',
    async run(make) {
      const { backend, session } = await started(make);
      const { conversation } = await conversationWith(backend);
      for (let i = 0; i < 6; i++)
        await backend.sendMessage(conversation.id, { clientId: clientId(), text: `e${i}` });
      const all = await allEvents(backend, session.cursor);
      increasing(
        all.map((e) => e.seq),
        session.cursor + 1,
        'events()',
      );
      const created = all.filter((e) => e.type === 'message.created');
      same(created.length, 7, 'message.created events');
      const k = all[3]!.seq;
      same(
        (await allEvents(backend, k, 2)).map((e) => e.seq),
        all.filter((e) => e.seq > k).map((e) => e.seq),
        `events(${k}) paged by 2`,
      );
      const end = all.at(-1)!.seq;
      const empty = await backend.events(end);
      same([empty.events.length, empty.cursor, empty.hasMore], [0, end, false], 'events(last) is empty');
    },
  },
  {
    name: 'subscribe(after) delivers the backlog after the cursor, then live events, once each and in order',
    async run(make) {
      const { backend, session } = await started(make);
      const { conversation } = await conversationWith(backend, 'before');
      const backlog = await allEvents(backend, session.cursor);
      const from = backlog[0]!.seq;
      const target = backlog.at(-1)!.seq + 3;
      const result = collect(backend, from, (events) => events.some((e) => e.seq >= target));
      for (let i = 0; i < 3; i++)
        await backend.sendMessage(conversation.id, { clientId: clientId(), text: `live${i}` });
      const { events, statuses } = await result;
      increasing(
        events.map((e) => e.seq),
        from + 1,
        'subscribe()',
      );
      assert(statuses.includes('open'), `subscribe(): status "open" reported (got ${statuses.join(',')})`);
      const texts = events.flatMap((e) => (e.type === 'message.created' ? [e.message.text] : []));
      same(texts.slice(-3), ['live0', 'live1', 'live2'], 'live messages');
    },
  },
  {
    name: 'errors are FrontdeskErrors with stable codes',
    async run(make) {
      const fresh = await make();
      await rejects(() => fresh.listConversations(), 'unauthorized', 'a call before startSession');
      const { backend } = await started(make);
      await rejects(
        () => backend.sendMessage('conv_does_not_exist', { clientId: clientId(), text: 'x' }),
        'not_found',
        'sending to an unknown conversation',
      );
      const { conversation } = await conversationWith(backend);
      const invalid = await rejects(
        () => backend.sendMessage(conversation.id, { clientId: clientId(), text: 'x'.repeat(5001) }),
        'validation_failed',
        'a message over 5000 characters',
      );
      assert(
        invalid.issues.some((i) => i.path.includes('text')),
        `validation issues name the path (got ${JSON.stringify(invalid.issues)})`,
      );
      await rejects(
        () => backend.sendMessage(conversation.id, { clientId: 'bad id!', text: 'x' }),
        'validation_failed',
        'an invalid clientId',
      );
      await rejects(() => backend.getArticle('no-such-article-xyz', 'en'), 'not_found', 'an unknown article');
    },
  },
  {
    name: 'a visitor never sees another visitor’s conversations or events',
    async run(make) {
      const a = await started(make);
      const b = await started(make);
      const { conversation } = await conversationWith(a.backend, 'private');
      same(
        (await b.backend.listConversations()).some((c) => c.id === conversation.id),
        false,
        "B lists A's conversation",
      );
      await rejects(() => b.backend.listMessages(conversation.id), 'not_found', "B reads A's messages");
      await rejects(
        () => b.backend.sendMessage(conversation.id, { clientId: clientId(), text: 'intrude' }),
        'not_found',
        "B writes in A's conversation",
      );
      const events = await allEvents(b.backend, 0);
      same(
        events.some((e) => JSON.stringify(e).includes(conversation.id)),
        false,
        "B's events mention A's conversation",
      );
    },
  },
  {
    name: 'marking read and rating are recorded; rating is idempotent by clientId',
    async run(make) {
      const { backend } = await started(make);
      const { conversation } = await conversationWith(backend);
      await backend.markRead(conversation.id, 1);
      const listed = (await backend.listConversations()).find((c) => c.id === conversation.id);
      same(listed?.visitorReadSeq, 1, 'visitorReadSeq after markRead(1)');
      const rate = { clientId: clientId(), csat: 4 };
      const first = await backend.rate(conversation.id, rate);
      const again = await backend.rate(conversation.id, rate);
      same([first.csat, again.createdAt], [4, first.createdAt], 'repeated rating');
    },
  },
  {
    name: 'an uploaded file can be attached to a message',
    async run(make) {
      const { backend } = await started(make);
      const file = await backend.upload(new Blob(['hello'], { type: 'text/plain' }), 'note.txt');
      same([file.name, file.size], ['note.txt', 5], 'upload(): name and size');
      const { conversation } = await conversationWith(backend);
      const message = await backend.sendMessage(conversation.id, {
        clientId: clientId(),
        text: '',
        attachmentIds: [file.id],
      });
      same(
        message.attachments.map((a) => a.id),
        [file.id],
        'attachments of the message',
      );
    },
  },
  {
    name: 'the help center answers search, categories and articles',
    async run(make) {
      const { backend } = await started(make);
      assert(Array.isArray(await backend.search('a', 'en')), 'search() returns a list');
      assert(Array.isArray(await backend.listCategories()), 'listCategories() returns a list');
      const config = await backend.getConfig();
      assert(config.config && Number.isInteger(config.version), 'getConfig(): config and version');
    },
  },
];

/**
 * Register every conformance check with your test runner:
 * `runConformance({ describe, it }, () => httpBackend({ url, siteKey }))`.
 */
export function runConformance(test: TestApi, make: MakeBackend, name = 'Backend conformance'): void {
  test.describe(name, () => {
    // No timeout argument: runners disagree on where it goes; each check takes well under a second.
    for (const check of conformanceChecks) test.it(check.name, () => check.run(make));
  });
}
