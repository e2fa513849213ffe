import { createHash } from 'node:crypto';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, login, request, visitor } from './helpers';
import { dropSchema, freshSchema } from './postgres';

// Quality reviews against real storage: the seeded demo rubric `support` (greeting ×1, accuracy ×3, empathy ×2,
// process pass/fail ×1 with "not applicable", privacy pass/fail auto-fail).

let server: TestServer;
let admin: string;
let agent: string;
let agentId: string;
let schema: string | undefined;

beforeAll(async () => {
  // QUALITY_TEST_DATABASE_URL runs the same file against PostgreSQL (in a fresh schema) instead of PGlite.
  const url = process.env.QUALITY_TEST_DATABASE_URL;
  if (url) schema = freshSchema();
  server = await startServer(url ? { env: { DATABASE_URL: url, DATABASE_SCHEMA: schema! } } : {});
  admin = await login(server, 'admin');
  agent = await login(server, 'agent');
  agentId = (await request(server, 'GET', '/v1/agent/me', { token: agent })).body.id;
});
afterAll(async () => {
  await server?.stop();
  if (schema) await dropSchema(schema);
});

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
  // "Not solved" reopens the conversation (docs/email.md#follow-up); the agent resolves it again.
  if (rating?.solved === false) expect((await resolve()).status).toBe(200);
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
    // "Not solved" reopened it, so it is also an escalation.
    expect(inQueue.get(unsolved.id)).toEqual(['notSolved', 'escalated']);
    expect(inQueue.get(reopened.id)).toEqual(['escalated']);
    expect(inQueue.get(both.id)).toEqual(['lowCsat', 'notSolved', 'escalated']);
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
    // The one who lost cannot review it behind the winner's back.
    const loser = claims[0]!.status === 409 ? admin : racer.body.token;
    const late = await q('POST', '/reviews', loser, {
      conversationId: item.conversationId,
      rubricId: 'support',
      scores: scores(3, 3, 3, 1, 1),
    });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/has claimed this conversation/);
  });

  it('samples as soon as the visitor ends the chat, not at the next sweep, and only once', async () => {
    const before = (await request(server, 'GET', '/v1/admin/config', { token: admin })).body.config.quality;
    await pushQuality({ rubrics: before.rubrics, sampling: [{ when: 'random', share: 1 }] });
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token, 'Never mind, found it');
    const inQueue = async () =>
      (await q('GET', '/queue?limit=500', admin)).body.items.filter(
        (i: { conversationId: string }) => i.conversationId === conv.id,
      );
    expect(await inQueue()).toEqual([]);
    const end = () => request(server, 'POST', `/v1/conversations/${conv.id}/end`, { token: v.token });
    expect((await end()).status).toBe(200);
    expect((await inQueue()).map((i: { reasons: string[] }) => i.reasons)).toEqual([['random']]);
    // Reopened by the visitor, resolved again by the agent: still one queue item.
    await request(server, 'POST', `/v1/conversations/${conv.id}/messages`, {
      token: v.token,
      body: { clientId: cid('msg'), text: 'Actually, one more thing' },
    });
    const resolve = await request(server, 'POST', `/v1/agent/conversations/${conv.id}/status`, {
      token: agent,
      body: { status: 'resolved' },
    });
    expect(resolve.status).toBe(200);
    expect(await inQueue()).toHaveLength(1);
    await pushQuality(before);
  });
});

async function newReviewer(name: string): Promise<{ id: string; token: string }> {
  const email = `${name.toLowerCase()}@test.local`;
  const created = await request(server, 'POST', '/v1/admin/agents', {
    token: admin,
    body: { email, name, role: 'admin', password: `${name}-password` },
  });
  expect(created.status).toBe(201);
  const signed = await request(server, 'POST', '/v1/agent/login', {
    site: null,
    body: { email, password: `${name}-password` },
  });
  return { id: created.body.id, token: signed.body.token };
}

describe('calibration', () => {
  it('three reviewers score blind; once closed, the agreement is the hand-computed alpha', async () => {
    const adminId = (await request(server, 'GET', '/v1/agent/me', { token: admin })).body.id;
    const [r2, r3] = [await newReviewer('Rita'), await newReviewer('Omar')];
    const convs = [await resolved(), await resolved(), await resolved()];
    // A reviewer needs the reviewer role: the plain agent is refused, by path.
    const plain = await q('POST', '/calibrations', admin, {
      name: 'x',
      rubricId: 'support',
      conversationIds: convs.map((c) => c.id),
      reviewerIds: [adminId, agentId],
    });
    expect(plain.status).toBe(400);
    expect(plain.body.error.issues[0].path).toBe('body.reviewerIds[1]');
    const created = await q('POST', '/calibrations', admin, {
      name: 'November calibration',
      rubricId: 'support',
      conversationIds: convs.map((c) => c.id),
      reviewerIds: [adminId, r2.id, r3.id],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const session = created.body.id;
    // Empathy per conversation (reviewers admin, Rita, Omar): 5 5 4 | 3 3 3 | 1 2 1. Greeting is 4 from everyone.
    const empathy = [
      [5, 5, 4],
      [3, 3, 3],
      [1, 2, 1],
    ];
    const tokens = [admin, r2.token, r3.token];
    for (const [i, conv] of convs.entries())
      for (const [j, token] of tokens.entries()) {
        const reply = await q('POST', '/reviews', token, {
          conversationId: conv.id,
          rubricId: 'support',
          calibrationId: session,
          scores: scores(4, 3 + (j % 2), empathy[i]![j]!, null, 1),
        });
        expect(reply.status, JSON.stringify(reply.body)).toBe(201);
        // Blind: before the session closes, a reviewer sees only their own scores and no results.
        if (i === 0 && j === 1) {
          const seen = await q('GET', `/calibrations/${session}`, r2.token);
          expect(seen.body.mine).toHaveLength(1);
          expect(seen.body.results).toBeNull();
          expect((await q('GET', `/reviews/${reply.body.id}`, r3.token)).status).toBe(403);
        }
      }
    // Calibration reviews are practice: the agent never sees them.
    const mine = (await q('GET', '/reviews?agent=me', agent)).body.reviews;
    expect(mine.some((r: { calibrationId: string | null }) => r.calibrationId)).toBe(false);
    expect((await q('GET', `/calibrations/${session}`, agent)).status).toBe(403);
    expect((await q('POST', `/calibrations/${session}/close`, r2.token)).status).toBe(200); // Rita is an admin
    const closed = await q('GET', `/calibrations/${session}`, r3.token);
    expect(closed.body.status).toBe('closed');
    const byId = new Map(
      closed.body.results.criteria.map((c: { criterionId: string }) => [c.criterionId, c]),
    );

    // Hand computation (Krippendorff 2011, ordinal metric). Each conversation has 3 values, so each ordered pair of
    // them adds 1/2 to the coincidence matrix: o(5,5)=1, o(5,4)=o(4,5)=1, o(3,3)=3, o(1,1)=1, o(1,2)=o(2,1)=1.
    // Margins n1..n5 = 2, 1, 3, 1, 2; n = 9. Ordinal δ²(c,k) = (Σ_{g=c..k} n_g − (n_c+n_k)/2)²:
    // δ²(1,2)=δ²(4,5)=1.5²=2.25, δ²(1,3)=3.5²=12.25, δ²(1,4)=5.5²=30.25, δ²(1,5)=7²=49, δ²(2,3)=δ²(3,4)=2²=4,
    // δ²(2,4)=4²=16, δ²(2,5)=5.5²=30.25, δ²(3,5)=3.5²=12.25.
    // Observed: Σ o·δ² = 2·2.25 (1,2 both ways) + 2·2.25 (4,5 both ways) = 9.
    // Expected: Σ n_c·n_k·δ² over unordered pairs = 4.5+73.5+60.5+196+12+16+60.5+12+73.5+4.5 = 513, both ways 1026.
    // α = 1 − (n − 1)·9 / 1026 = 1 − 72/1026 = 53/57 ≈ 0.92982.
    expect((byId.get('empathy') as { alpha: number }).alpha).toBeCloseTo(53 / 57, 6);
    expect((byId.get('greeting') as { alpha: number | null }).alpha).toBeNull(); // everyone gave 4: nothing to agree on
    expect((byId.get('empathy') as { items: unknown[] }).items[0]).toMatchObject({
      conversationId: convs[0]!.id,
      values: [5, 5, 4],
      range: 1,
      std: 0.471,
    });
    expect(closed.body.results.reviewerIds).toEqual([adminId, r2.id, r3.id]);
    expect(
      (
        await q('POST', '/reviews', r3.token, {
          conversationId: convs[0]!.id,
          rubricId: 'support',
          calibrationId: session,
          scores: scores(4, 4, 4, null, 1),
        })
      ).status,
    ).toBe(409);
  });
});

describe('QA scores', () => {
  it('averages review totals per agent and criteria per agent, leaving calibration and not-applicable out', async () => {
    const reviewer = await newReviewer('Quinn');
    const other = await newReviewer('Agnes');
    // Agnes answers two conversations too (as an admin she may); Quinn reviews everything below.
    const a = await resolved();
    const b = await resolved();
    const reviews = [
      [a.id, scores(5, 5, 5, 1, 1)], // 100
      [b.id, scores(1, 1, 1, null, 1)], // 0
    ] as const;
    for (const [id, s] of reviews)
      expect(
        (await q('POST', '/reviews', reviewer.token, { conversationId: id, rubricId: 'support', scores: s }))
          .status,
      ).toBe(201);
    const figures = await q('GET', '/scores?period=day', admin);
    expect(figures.status).toBe(200);
    // Every non-calibration review of the seeded agent in this file, recomputed here from the list the API gives.
    const all = (await q('GET', `/reviews?agent=${agentId}`, admin)).body.reviews as {
      score: number | null;
    }[];
    const totals = all.map((r) => r.score).filter((s): s is number => s !== null);
    const row = figures.body.byAgent.find((x: { agentId: string }) => x.agentId === agentId);
    expect(row.reviews).toBe(all.length);
    expect(row.score).toBeCloseTo(totals.reduce((x, y) => x + y, 0) / totals.length, 1);
    expect(figures.body.byPeriod.reduce((n: number, p: { reviews: number }) => n + p.reviews, 0)).toBe(
      all.length,
    );
    expect(figures.body.byAgent.some((x: { agentId: string }) => x.agentId === other.id)).toBe(false);
    const criterion = figures.body.byAgentCriterion.find(
      (x: { agentId: string; criterionId: string }) => x.agentId === agentId && x.criterionId === 'privacy',
    );
    expect(criterion.scored).toBe(all.length);
    expect((await q('GET', '/scores?from=2026-13-01', admin)).status).toBe(400);
  });
});
