import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cid, conversation, login, request, visitor } from './helpers';

let server: TestServer;
let admin: string;
let agentToken: string;
const agents: Array<{ id: string; name: string; email: string }> = [];

// Names in Czech, Hungarian, Latvian and Chinese, and comments a naive CSV writer would break.
const PEOPLE = [
  {
    agent: 'Jiří Dvořák',
    customer: 'Řehoř Šťastný',
    csat: 5,
    solved: true,
    comment: 'Skvělé, "rychlé", díky',
  },
  {
    agent: 'Árvíztűrő Őrs',
    customer: 'Gődény Ünőke',
    csat: 2,
    solved: false,
    comment: 'Nem működik,\nmég mindig',
  },
  {
    agent: 'Jānis Bērziņš',
    customer: 'Līga Ķēniņa',
    csat: 1,
    solved: false,
    comment: '=HYPERLINK("x"), nav labi',
  },
  { agent: '王小明', customer: '李华', csat: 4, solved: true, comment: '' },
];

const call = (token: string, method: string, path: string, body?: unknown) =>
  request(server, method, path, { site: null, token, body });

async function fetchText(path: string, token = admin) {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** An RFC 4180 reader written for the test, independent of the server's writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && ch === '"') quoted = false;
    else if (quoted) field += ch;
    else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

const records = (rows: string[][]) =>
  rows.slice(1).map((r) => Object.fromEntries(rows[0]!.map((h, i) => [h, r[i]])));

beforeAll(async () => {
  server = await startServer();
  admin = await login(server, 'admin');
  agentToken = await login(server, 'agent');
  for (const [i, person] of PEOPLE.entries()) {
    const email = `quality${i}@example.com`;
    const created = await call(admin, 'POST', '/v1/admin/agents', {
      email,
      name: person.agent,
      password: 'password-123',
    });
    expect(created.status).toBe(201);
    agents.push({ id: created.body.id ?? created.body.agent.id, name: person.agent, email });
    const v = await visitor(server, { identity: { userId: `q-${i}`, name: person.customer } });
    const { conversation: conv } = await conversation(server, v.token, 'Pomoc prosím');
    const id = conv.id;
    expect(
      (await call(admin, 'POST', `/v1/agent/conversations/${id}/assign`, { assigneeId: agents[i]!.id }))
        .status,
    ).toBe(200);
    await call(admin, 'POST', `/v1/agent/conversations/${id}/messages`, {
      clientId: cid(),
      text: 'Dobrý den',
    });
    await call(admin, 'POST', `/v1/agent/conversations/${id}/status`, { status: 'resolved' });
    const rating = await request(server, 'POST', `/v1/conversations/${id}/rating`, {
      token: v.token,
      body: {
        clientId: cid('rate'),
        csat: person.csat,
        solved: person.solved,
        ...(person.comment ? { comment: person.comment } : {}),
      },
    });
    expect(rating.status).toBe(201);
  }
}, 120_000);
afterAll(() => server?.stop());

describe('quality analytics API', () => {
  it('answers figures per agent, and only to managers', async () => {
    const result = await call(admin, 'GET', '/v1/agent/quality/analytics?groupBy=agent');
    expect(result.status).toBe(200);
    const byName = Object.fromEntries(result.body.rows.map((r: { label: string }) => [r.label, r]));
    expect(byName['Jānis Bērziņš']).toMatchObject({
      conversations: 1,
      csat: { responses: 1, average: 1 },
      solved: { rate: 0 },
    });
    expect(byName.王小明).toMatchObject({
      conversations: 1,
      reopen: { resolved: 1, reopened: 0 },
      backlog: 0,
    });
    expect(result.body.timeZone).toBe('UTC');

    const refused = await call(agentToken, 'GET', '/v1/agent/quality/analytics');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/manager role/);
    for (const path of ['voice', 'action-plans', 'weekly-summary'])
      expect((await call(agentToken, 'GET', `/v1/agent/quality/${path}`)).status).toBe(403);

    const bad = await call(admin, 'GET', '/v1/agent/quality/analytics?groupBy=colour&interval=year');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'query.groupBy',
      'query.interval',
    ]);
  });

  it('exports analytics as CSV a spreadsheet opens: BOM, header row, names round-trip', async () => {
    const { response, bytes } = await fetchText('/v1/agent/quality/analytics?groupBy=agent&format=csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="analytics-agent-.*\.csv"$/,
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1));
    expect(rows[0]!.slice(0, 4)).toEqual(['key', 'name', 'conversations', 'first_response_median_s']);
    const names = records(rows).map((r) => r.name);
    for (const person of PEOPLE) expect(names).toContain(person.agent);
    expect(names.at(-1)).toBe('All');
    const json = await fetchText('/v1/agent/quality/analytics?groupBy=channel&format=json');
    expect(json.response.headers.get('content-disposition')).toMatch(/\.json"$/);
    expect(JSON.parse(new TextDecoder().decode(json.bytes)).groupBy).toBe('channel');
  });

  it('lists the voice of the customer: searchable, filterable, paginated, exportable', async () => {
    const all = await call(admin, 'GET', '/v1/agent/quality/voice?pageSize=2');
    // Three comments; the fourth rating has neither a comment nor "not solved"
    expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(all.body.items).toHaveLength(2);
    const second = await call(admin, 'GET', '/v1/agent/quality/voice?pageSize=2&page=2');
    expect(second.body.items).toHaveLength(1);
    const found = await call(admin, 'GET', `/v1/agent/quality/voice?q=${encodeURIComponent('MŰKÖDIK')}`);
    expect(found.body.items.map((i: { visitorName: string }) => i.visitorName)).toEqual(['Gődény Ünőke']);
    const low = await call(admin, 'GET', '/v1/agent/quality/voice?rating=low&solved=no');
    expect(low.body.total).toBe(2);
    const byAgent = await call(admin, 'GET', `/v1/agent/quality/voice?agent=${agents[0]!.id}&channel=chat`);
    expect(byAgent.body.items).toMatchObject([{ agentName: 'Jiří Dvořák', csat: 5, solved: true }]);
    const wild = await call(admin, 'GET', '/v1/agent/quality/voice?q=%25');
    expect(wild.body.total).toBe(0);
    const bad = await call(admin, 'GET', '/v1/agent/quality/voice?pageSize=1000&rating=6');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'query.pageSize',
      'query.rating',
    ]);

    const { bytes } = await fetchText('/v1/agent/quality/voice?format=csv&pageSize=200');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(
      text.startsWith('\uFEFFdate,conversation,customer,agent,channel,csat,nps,solved,comment\r\n'),
    ).toBe(true);
    const voice = records(parseCsv(text.slice(1)));
    const comments = Object.fromEntries(voice.map((r) => [r.customer, r.comment]));
    expect(comments['Řehoř Šťastný']).toBe('Skvělé, "rychlé", díky');
    expect(comments['Gődény Ünőke']).toBe('Nem működik,\nmég mindig');
    // A formula is kept as text, not run by the spreadsheet
    expect(comments['Līga Ķēniņa']).toBe(`'=HYPERLINK("x"), nav labi`);
    expect(voice.find((r) => r.customer === 'Līga Ķēniņa')).toMatchObject({
      agent: 'Jānis Bērziņš',
      csat: '1',
      solved: 'no',
    });
  });

  it('keeps action plans with the targeted figure before and now, listed on the team page', async () => {
    const target = agents[0]!;
    const current = (await call(admin, 'GET', '/v1/admin/config')).body.config;
    const pushed = await call(admin, 'POST', '/v1/admin/config', {
      config: {
        ...current,
        teams: [...current.teams, { id: 'czech', name: 'Czech desk', agents: [target.email] }],
      },
    });
    expect(pushed.status).toBe(201);
    const created = await call(admin, 'POST', '/v1/agent/quality/action-plans', {
      title: 'Coach on empathy',
      owner: server.admin.email,
      dueDate: '2026-12-31',
      metric: 'csat',
      scope: { kind: 'agent', id: target.id },
      reviewIds: ['rev_1'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'open',
      before: { value: 5 },
      after: { value: 5 },
      reviewIds: ['rev_1'],
    });

    // A new, unhappy conversation of the same agent moves the figure: 5 → (5 + 1) / 2
    const v = await visitor(server);
    const { conversation: conv } = await conversation(server, v.token, 'Again');
    await call(admin, 'POST', `/v1/agent/conversations/${conv.id}/assign`, { assigneeId: target.id });
    await call(admin, 'POST', `/v1/agent/conversations/${conv.id}/status`, { status: 'resolved' });
    await request(server, 'POST', `/v1/conversations/${conv.id}/rating`, {
      token: v.token,
      body: { clientId: cid('rate'), csat: 1 },
    });

    const team = await call(admin, 'GET', '/v1/agent/quality/action-plans?team=czech');
    expect(team.body.plans).toHaveLength(1);
    expect(team.body.plans[0]).toMatchObject({
      title: 'Coach on empathy',
      before: { value: 5 },
      after: { value: 3 },
    });
    expect((await call(admin, 'GET', '/v1/agent/quality/action-plans?team=other')).status).toBe(404);

    const updated = await call(admin, 'PATCH', `/v1/agent/quality/action-plans/${created.body.id}`, {
      status: 'done',
    });
    expect(updated.body).toMatchObject({ status: 'done', dueDate: '2026-12-31' });

    const bad = await call(admin, 'POST', '/v1/agent/quality/action-plans', {
      title: '',
      owner: 'nobody@example.com',
      dueDate: '31/12/2026',
      metric: 'happiness',
      scope: { kind: 'team' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'body.dueDate',
      'body.metric',
      'body.title',
    ]);
    const unknownOwner = await call(admin, 'POST', '/v1/agent/quality/action-plans', {
      title: 'x',
      owner: 'nobody@example.com',
      dueDate: '2026-12-31',
      metric: 'nps',
      conversationIds: ['cv_not_here'],
    });
    expect(unknownOwner.status).toBe(400);
    expect(unknownOwner.body.error.issues[0].path).toBe('body.owner');

    const csv = await fetchText('/v1/agent/quality/action-plans?format=csv');
    const plans = records(parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes).slice(1)));
    expect(plans).toMatchObject([
      { title: 'Coach on empathy', status: 'done', before: '5', after: '3', reviews: 'rev_1' },
    ]);
  });

  it('downloads the weekly summary for managers', async () => {
    const monday = new Date();
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    const week = monday.toISOString().slice(0, 10);
    const { response, bytes } = await fetchText(`/v1/agent/quality/weekly-summary?week=${week}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="weekly-summary-${week}.txt"`,
    );
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain(`week of ${week} (UTC)`);
    expect(text).toContain('王小明: 1 conversations');
    expect(text).toContain('CSAT 1: =HYPERLINK');
    const json = await call(admin, 'GET', `/v1/agent/quality/weekly-summary?week=${week}&format=json`);
    expect(json.body.subject).toBe(`Frontdesk Demo: support quality, week of ${week}`);
    expect(json.body.attachments[0].content.startsWith('\uFEFFkey,name')).toBe(true);
    const sunday = new Date(monday.getTime() - 86_400_000).toISOString().slice(0, 10);
    expect((await call(admin, 'GET', `/v1/agent/quality/weekly-summary?week=${sunday}`)).status).toBe(400);
  });
});
