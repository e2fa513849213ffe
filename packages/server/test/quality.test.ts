import { createHash } from 'node:crypto';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, login, request, visitor } from './helpers';

// Quality reviews against real storage: the seeded demo rubric `support` (greeting ×1, accuracy ×3, empathy ×2,
// process pass/fail ×1 with "not applicable", privacy pass/fail auto-fail).

let server: TestServer;
let admin: string;
let agent: string;
let agentId: string;

beforeAll(async () => {
  server = await startServer();
  admin = await login(server, 'admin');
  agent = await login(server, 'agent');
  agentId = (await request(server, 'GET', '/v1/agent/me', { token: agent })).body.id;
});
afterAll(() => server?.stop());

const q = (method: string, path: string, token: string, body?: unknown) =>
  request(server, method, `/v1/agent/quality${path}`, { token, body });

/** A conversation the seeded agent answered and resolved; optionally rated afterwards by the visitor. */
async function resolved(rating?: { csat?: number; solved?: boolean }, reopen = false) {
  const v = await visitor(server);
  const { conversation: conv, message } = await conversation(server, v.token, 'My order is late');
  const reply = await request(server, 'POST', `/v1/agent/conversations/${conv.id}/messages`, {
    token: agent,
    body: { clientId: cid('msg'), text: 'Sorry! It ships today.' },
  });
  expect(reply.status).toBe(201);
  const resolve = () =>
    request(server, 'POST', `/v1/agent/conversations/${conv.id}/status`, {
      token: agent,
      body: { status: 'resolved' },
    });
  expect((await resolve()).status).toBe(200);
  if (reopen) {
    await request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
      token: v.token,
      body: { clientId: cid('msg'), text: 'It did not ship.' },
    });
    expect((await resolve()).status).toBe(200);
  }
  if (rating)
    expect(
      (
        await request(server, 'POST', `/v1/conversations/${conv.id}/rating`, {
          token: v.token,
          body: { clientId: cid('rate'), ...rating },
        })
      ).status,
    ).toBe(201);
  return {
    id: conv.id as string,
    visitorMessageId: message.id as string,
    agentMessageId: reply.body.id as string,
  };
}

const scores = (
  greeting: number,
  accuracy: number,
  empathy: number,
  process: number | null,
  privacy: number,
) => [
  { criterionId: 'greeting', value: greeting },
  { criterionId: 'accuracy', value: accuracy },
  { criterionId: 'empathy', value: empathy },
  { criterionId: 'process', value: process },
  { criterionId: 'privacy', value: privacy },
];

async function pushQuality(quality: unknown) {
  const current = await request(server, 'GET', '/v1/admin/config', { token: admin });
  const pushed = await request(server, 'POST', '/v1/admin/config', {
    token: admin,
    body: { config: { ...current.body.config, quality } },
  });
  expect(pushed.status, JSON.stringify(pushed.body)).toBe(201);
  return pushed.body;
}

describe('reviews', () => {
  it('an agent without the reviewer role gets 403 on every reviewer and manager route', async () => {
    const { id } = await resolved();
    const body = { conversationId: id, rubricId: 'support', scores: scores(4, 4, 4, 1, 1) };
    for (const [method, path, payload] of [
      ['POST', '/reviews', body],
      ['GET', '/queue'],
      ['GET', '/reviews'],
      ['GET', '/rubrics'],
      ['GET', '/scores'],
      ['GET', '/calibrations'],
      ['POST', '/queue/sample'],
      [
        'POST',
        '/calibrations',
        { name: 'x', rubricId: 'support', conversationIds: [id], reviewerIds: ['a', 'b'] },
      ],
    ] as const) {
      const reply = await q(method, path, agent, payload);
      expect(reply.status, `${method} ${path}`).toBe(403);
      expect(reply.body.error.message).toMatch(/needs the (reviewer|manager) role/);
    }
  });

  it('a reviewer scores a conversation; the agent sees and disputes it; a manager changes the score', async () => {
    const { id, agentMessageId } = await resolved();
    // Sampled as it was resolved (the seeded agent is new: the demo's "newAgent" rule); the reviewer claims it.
    const queue = await q('GET', '/queue', admin);
    const item = queue.body.items.find((i: { conversationId: string }) => i.conversationId === id);
    expect(item).toMatchObject({ reasons: expect.arrayContaining(['newAgent']), agentId, status: 'open' });
    expect((await q('POST', `/queue/${item.id}/claim`, admin)).body).toMatchObject({ status: 'claimed' });

    const input = { conversationId: id, rubricId: 'support', scores: scores(4, 3, 5, null, 1) };
    input.scores[1] = {
      ...input.scores[1]!,
      comment: 'Promised a date without checking.',
      messageId: agentMessageId,
    } as never;
    const submitted = await q('POST', '/reviews', admin, input);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    // 100 × (1·0.75 + 3·0.5 + 2·1 + 1·1) / (1 + 3 + 2 + 1); "process" is not applicable and drops out.
    expect(submitted.body).toMatchObject({
      score: 75,
      agentId,
      status: 'submitted',
      rubricId: 'support',
      configVersion: 1,
    });
    expect(submitted.body.criteria).toHaveLength(5);
    expect((await q('POST', '/reviews', admin, input)).status).toBe(409);
    expect(
      (await q('GET', '/queue?status=done', admin)).body.items.map((i: { id: string }) => i.id),
    ).toContain(item.id);

    // The agent sees it with the anchored comment, and disputes it; nobody else may.
    const mine = await q('GET', '/reviews?agent=me', agent);
    const review = mine.body.reviews.find((r: { id: string }) => r.id === submitted.body.id);
    expect(review.scores[1]).toMatchObject({
      comment: 'Promised a date without checking.',
      messageId: agentMessageId,
    });
    expect((await q('POST', `/reviews/${review.id}/dispute`, admin, { reason: 'not mine' })).status).toBe(
      403,
    );
    expect((await q('POST', `/reviews/${review.id}/dispute`, agent, { reason: '' })).status).toBe(400);
    const disputed = await q('POST', `/reviews/${review.id}/dispute`, agent, {
      reason: 'The date came from the warehouse.',
    });
    expect(disputed.body).toMatchObject({
      status: 'disputed',
      disputeReason: 'The date came from the warehouse.',
    });
    expect((await q('POST', `/reviews/${review.id}/acknowledge`, agent)).status).toBe(409);

    // Managers see it among disputes and change the score; the agent cannot resolve their own dispute.
    const disputes = await q('GET', '/reviews?status=disputed', admin);
    expect(disputes.body.reviews.map((r: { id: string }) => r.id)).toContain(review.id);
    expect(
      (await q('POST', `/reviews/${review.id}/resolve`, agent, { outcome: 'upheld', note: 'x' })).status,
    ).toBe(403);
    const noScores = await q('POST', `/reviews/${review.id}/resolve`, admin, {
      outcome: 'changed',
      note: 'x',
    });
    expect(noScores.status).toBe(400);
    expect(noScores.body.error.issues[0].path).toBe('body.scores');
    const resolvedReview = await q('POST', `/reviews/${review.id}/resolve`, admin, {
      outcome: 'changed',
      note: 'Right: the warehouse gave that date.',
      scores: scores(4, 5, 5, null, 1),
    });
    expect(resolvedReview.body).toMatchObject({ status: 'resolved', resolution: 'changed', score: 96.4 });

    // Every state change is in the history, with who did it.
    const detail = await q('GET', `/reviews/${review.id}`, agent);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual([
      'review.submitted',
      'review.disputed',
      'review.resolved',
    ]);
    expect(detail.body.history[2]).toMatchObject({
      actorName: 'Demo Admin',
      data: { scoreBefore: 75, scoreAfter: 96.4 },
    });
  });

  it('refuses bad scores with the path named, unresolved conversations, and scores its auto-fail criterion as 0', async () => {
    const { id } = await resolved();
    const other = await resolved();
    const send = (s: unknown[], conversationId = id) =>
      q('POST', '/reviews', admin, { conversationId, rubricId: 'support', scores: s });
    const cases: [unknown[], string, RegExp][] = [
      [scores(0, 3, 3, 1, 1), 'body.scores[0].value', /from 1 to 5/],
      [scores(3, 3, 3, 2, 1), 'body.scores[3].value', /1 \(pass\) or 0 \(fail\)/],
      [
        [...scores(3, 3, 3, 1, 1).slice(0, 4), { criterionId: 'privacy', value: null }],
        'body.scores[4].value',
        /not applicable/,
      ],
      [scores(3, 3, 3, 1, 1).slice(1), 'body.scores', /a score for "greeting"/],
      [
        [...scores(3, 3, 3, 1, 1), { criterionId: 'speed', value: 3 }],
        'body.scores[5].criterionId',
        /not a criterion/,
      ],
      [
        [{ ...scores(3, 3, 3, 1, 1)[0], messageId: other.agentMessageId }, ...scores(3, 3, 3, 1, 1).slice(1)],
        'body.scores[0].messageId',
        /message of this conversation/,
      ],
    ];
    for (const [s, path, message] of cases) {
      const reply = await send(s);
      expect(reply.status, path).toBe(400);
      expect(reply.body.error.issues[0].path).toBe(path);
      expect(reply.body.error.message).toMatch(message);
    }
    const wrongRubric = await q('POST', '/reviews', admin, {
      conversationId: id,
      rubricId: 'nope',
      scores: scores(3, 3, 3, 1, 1),
    });
    expect(wrongRubric.body.error.issues[0].path).toBe('body.rubricId');

    const v = await visitor(server);
    const open = await conversation(server, v.token);
    expect((await send(scores(3, 3, 3, 1, 1), open.conversation.id)).status).toBe(409);

    const breach = await send(scores(5, 5, 5, 1, 0));
    expect(breach.body.score).toBe(0);
  });

  it('keeps the rubric a review used when the rubric changes later', async () => {
    const { id } = await resolved();
    const before = await q('POST', '/reviews', admin, {
      conversationId: id,
      rubricId: 'support',
      scores: scores(5, 1, 1, 1, 1),
    });
    const rubrics = (await q('GET', '/rubrics', admin)).body;
    const changed = structuredClone(rubrics.rubrics[0]);
    changed.criteria[1].weight = 10;
    changed.criteria[1].name = 'Accuracy (new)';
    const pushed = await pushQuality({ rubrics: [changed], sampling: [] });
    expect(pushed.version).toBeGreaterThan(rubrics.configVersion);
    const after = await q('GET', `/reviews/${before.body.id}`, admin);
    expect(after.body.review).toMatchObject({
      score: before.body.score,
      configVersion: rubrics.configVersion,
    });
    expect(after.body.review.criteria[1]).toMatchObject({ name: 'Correct and complete answer', weight: 3 });
    // New reviews use the new version.
    const { id: next } = await resolved();
    const fresh = await q('POST', '/reviews', admin, {
      conversationId: next,
      rubricId: 'support',
      scores: scores(5, 1, 1, 1, 1),
    });
    expect(fresh.body.configVersion).toBe(pushed.version);
    await pushQuality(rubrics.rubrics.length ? { rubrics: rubrics.rubrics, sampling: [] } : {});
  });
});

/** The hash the server uses for random sampling, computed here on its own: sha256("<id>:<rule index>"). */
const point = (id: string, index: number) =>
  createHash('sha256').update(`${id}:${index}`).digest().readUInt32BE(0) / 2 ** 32;

describe('sampling', () => {
  it('puts the conversations the rules match in the queue, once, with why, and not the others', async () => {
    const rubrics = (await q('GET', '/rubrics', admin)).body.rubrics;
    await pushQuality({
      rubrics,
      sampling: [{ when: 'lowCsat', csatAtMost: 2 }, { when: 'notSolved' }, { when: 'escalated' }],
    });
    const low = await resolved({ csat: 1 });
    const unsolved = await resolved({ csat: 4, solved: false });
    const reopened = await resolved(undefined, true);
    const both = await resolved({ csat: 2, solved: false });
    const happy = await resolved({ csat: 5, solved: true });
    const middling = await resolved({ csat: 3 });
    const queued = async () =>
      new Map<string, string[]>(
        (await q('GET', '/queue?limit=500', admin)).body.items.map(
          (i: { conversationId: string; reasons: string[] }) => [i.conversationId, i.reasons],
        ),
      );
    const inQueue = await queued();
    expect(inQueue.get(low.id)).toEqual(['lowCsat']);
    expect(inQueue.get(unsolved.id)).toEqual(['notSolved']);
    expect(inQueue.get(reopened.id)).toEqual(['escalated']);
    expect(inQueue.get(both.id)).toEqual(['lowCsat', 'notSolved']);
    expect(inQueue.has(happy.id)).toBe(false);
    expect(inQueue.has(middling.id)).toBe(false);
    // Running the rules again adds nothing.
    expect((await q('POST', '/queue/sample', admin)).body.added).toBe(0);

    // A random share picks the same conversations whoever runs it: the hash of each id decides.
    const candidates = [
      happy.id,
      middling.id,
      ...(await Promise.all([1, 2, 3, 4, 5, 6].map(() => resolved()))).map((c) => c.id),
    ];
    await pushQuality({ rubrics, sampling: [{ when: 'lowCsat' }, { when: 'random', share: 0.5 }] });
    await q('POST', '/queue/sample', admin);
    const after = await queued();
    for (const id of candidates) expect(after.has(id), id).toBe(point(id, 1) < 0.5);
    expect(after.get(low.id)).toEqual(['lowCsat']);
    // Two reviewers racing for one item: one claims it, the other gets a 409.
    const [item] = (await q('GET', '/queue', admin)).body.items;
    const second = await request(server, 'POST', '/v1/admin/agents', {
      token: admin,
      body: { email: 'racer@test.local', name: 'Racer', role: 'admin', password: 'racer-password' },
    });
    expect(second.status).toBe(201);
    const racer = await request(server, 'POST', '/v1/agent/login', {
      site: null,
      body: { email: 'racer@test.local', password: 'racer-password' },
    });
    const claims = await Promise.all([
      q('POST', `/queue/${item.id}/claim`, admin),
      q('POST', `/queue/${item.id}/claim`, racer.body.token),
    ]);
    expect(claims.map((c) => c.status).sort()).toEqual([200, 409]);
  });
});
