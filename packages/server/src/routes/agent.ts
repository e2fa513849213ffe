import {
  AcceptInviteSchema,
  AddQuestionSchema,
  AgentMessageSchema,
  AgentTagsSchema,
  CannedResponseSchema,
  ChangePasswordSchema,
  ConversationStatusSchema,
  EmailDigestSchema,
  IdSchema,
  InboxQuerySchema,
  LoginSchema,
  MarkReadSchema,
  OutcomeSchema,
  SetTeamSchema,
  TypingSchema,
} from '@frontdesk/protocol';
import { Hono } from 'hono';
import * as v from 'valibot';
import { hashPassword, newId } from '../auth/crypto';
import { normalizeEmail } from '../auth/loginGuard';
import { type Row, toAgentConversation, toVisitor } from '../db/rows';
import { ApiError, notFound, unauthorized } from '../http/errors';
import {
  agentFromToken,
  agentMiddleware,
  agentTicketFor,
  agentTokenFor,
  bearer,
  clientIp,
} from '../http/middleware';
import type { AppEnv } from '../http/types';
import { intQuery, readBody, validate } from '../http/validate';
import { longPoll } from '../realtime/longPoll';
import { requireRole } from '../services/access';
import { login, setPresence } from '../services/agents';
import { listArticles } from '../services/articles';
import { teamSummaries } from '../services/assignment';
import type { AppContext } from '../services/context';
import { writeConversationData } from '../services/conversationData';
import {
  listMessages,
  markRead,
  sendMessage,
  setTeam,
  siteConversation,
  updateConversation,
} from '../services/conversations';
import { readEvents, siteStream, visitorStream, withEvents } from '../services/events';
import { acceptInvite, agentSites, isMember } from '../services/members';
import { lockConversation } from '../services/messages';
import { addQuestion } from '../services/questions';
import { listTickets, updateTicket } from '../services/tickets';
import { analyticsRoutes } from './analytics';
import { readUpload, storeUpload } from './files';
import { qualityRoutes } from './quality';

const PresenceSchema = v.object({ status: v.picklist(['online', 'away', 'offline']) });
const AssignSchema = v.object({ assigneeId: v.nullable(IdSchema) });
const StatusSchema = v.object({ status: ConversationStatusSchema });
const NewCannedSchema = v.omit(CannedResponseSchema, ['id']);
const TicketUpdateSchema = v.object({
  status: v.optional(ConversationStatusSchema),
  outcome: v.optional(v.nullable(OutcomeSchema)),
});

/** The agent API (role agent or admin). `POST /login` is public. */
export function agentRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/login', async (c) => {
    const body = await readBody(c, LoginSchema);
    // Guessing passwords costs a scrypt each: refuse early after too many failures from one address (a fixed
    // window) or while the account is delayed (exponential per account, capped so the owner gets back in).
    const ip = `ip:${clientIp(c, ctx.settings.trustProxy)}`;
    const account = normalizeEmail(body.email);
    await ctx.loginLimiter.ensure(ip);
    await ctx.loginGuard.ensure(account);
    const agent = await login(ctx.db, account, body.password).catch(async (error) => {
      // Counted before answering, so the next attempt (on any node) already sees it.
      await ctx.loginLimiter.hit(ip);
      await ctx.loginGuard.failed(account);
      throw error;
    });
    await ctx.loginGuard.succeeded(account);
    return c.json({ token: await agentTokenFor(ctx, agent.id), agent });
  });

  // Redeem an invite code (from `frontdesk-server site invite` or an admin's Members view): choose a password.
  app.post('/invite', async (c) => {
    const body = await readBody(c, AcceptInviteSchema);
    const ip = `ip:${clientIp(c, ctx.settings.trustProxy)}`;
    await ctx.loginLimiter.ensure(ip);
    const agent = await acceptInvite(ctx.db, body.code, body.password).catch(async (error) => {
      await ctx.loginLimiter.hit(ip);
      throw error;
    });
    return c.json({ token: await agentTokenFor(ctx, agent.id), agent });
  });

  // The agent's sites (for the console's site picker): needs a token, not a site.
  app.get('/sites', async (c) => {
    const agent = await agentFromToken(ctx, bearer(c));
    if (!agent) throw unauthorized('Sign in as an agent first: the token is missing, invalid or expired.');
    const sites = await agentSites(ctx.db, agent.id);
    return c.json(sites.map(({ key, name, roles }) => ({ key, name, roles })));
  });

  app.use('*', agentMiddleware(ctx, 'agent'));
  analyticsRoutes(app, ctx);

  app.get('/me', (c) => c.json({ ...c.get('agent'), roles: c.get('roles') }));

  app.route('/quality', qualityRoutes(ctx));

  app.post('/ticket', async (c) => c.json({ ticket: await agentTicketFor(ctx, c.get('agent').id) }));

  // Sign out: every token of this agent stops working (the console, the CLI and other devices alike).
  app.post('/logout', async (c) => {
    await ctx.db.query('update agents set token_version = token_version + 1 where id = $1', [
      c.get('agent').id,
    ]);
    return c.body(null, 204);
  });

  app.post('/password', async (c) => {
    const body = await readBody(c, ChangePasswordSchema);
    const agent = c.get('agent');
    await login(ctx.db, agent.email, body.currentPassword).catch(() => {
      throw new ApiError('forbidden', 'The current password is wrong.');
    });
    // Other sessions end; this one gets a fresh token.
    await ctx.db.query(
      'update agents set password_hash = $2, token_version = token_version + 1 where id = $1',
      [agent.id, await hashPassword(body.newPassword)],
    );
    return c.json({ token: await agentTokenFor(ctx, agent.id), agent });
  });

  // Opt in to (or out of) the email digest of unanswered conversations sent while this agent is not online.
  app.post('/email-digest', async (c) => {
    const body = await readBody(c, EmailDigestSchema);
    await ctx.db.query('update agents set email_digest = $2 where id = $1', [
      c.get('agent').id,
      body.enabled,
    ]);
    return c.json({ enabled: body.enabled });
  });

  app.post('/presence', async (c) => {
    const body = await readBody(c, PresenceSchema);
    await setPresence(ctx, c.get('agent').id, body.status);
    return c.json({ ...c.get('agent'), status: body.status });
  });

  app.get('/conversations', async (c) => {
    const query = validate(InboxQuerySchema, c.req.query(), 'query');
    const params: unknown[] = [c.get('site').id];
    let where = 'c.site_id = $1';
    if (query.status) {
      params.push(query.status);
      where += ` and c.status = $${params.length}`;
    }
    if (query.assignee === 'unassigned') where += ' and c.assignee_id is null';
    else if (query.assignee) {
      params.push(query.assignee === 'me' ? c.get('agent').id : query.assignee);
      where += ` and c.assignee_id = $${params.length}`;
    }
    if (query.team === 'none') where += ' and c.team_id is null';
    else if (query.team) {
      params.push(query.team);
      where += ` and c.team_id = $${params.length}`;
    }
    params.push(query.limit ?? 50);
    const rows = await ctx.db.query<Row>(
      `select c.*, v.name as visitor_name, v.email as visitor_email,
         (select text from messages m where m.conversation_id = c.id and not m.internal order by seq desc limit 1) as preview
       from conversations c join visitors v on v.id = c.visitor_id where ${where}
       order by coalesce(c.last_message_at, c.created_at) desc, c.id limit $${params.length}`,
      params,
    );
    return c.json(
      rows.map((r) => ({
        ...toAgentConversation(r),
        visitor: {
          name: (r.visitor_name as string | null) ?? null,
          email: (r.visitor_email as string | null) ?? null,
        },
        preview: (r.preview as string | null) ?? null,
        unread: Math.max(0, (r.last_seq as number) - (r.agent_read_seq as number)),
      })),
    );
  });

  app.get('/conversations/:id', async (c) => {
    const conv = await siteConversation(ctx, c.get('site').id, c.req.param('id'));
    const visitor = (await ctx.db.query<Row>('select * from visitors where id = $1', [conv.visitor_id]))[0]!;
    const rating =
      (
        await ctx.db.query<Row>('select csat, nps, comment, solved from ratings where conversation_id = $1', [
          conv.id,
        ])
      )[0] ?? null;
    return c.json({
      conversation: toAgentConversation(conv),
      visitor: {
        ...toVisitor(visitor),
        page: visitor.page ?? null,
        locale: visitor.locale ?? null,
        lastSeenAt: visitor.last_seen_at,
      },
      page: conv.page ?? null,
      rating,
    });
  });

  app.get('/conversations/:id/messages', async (c) => {
    const conv = await siteConversation(ctx, c.get('site').id, c.req.param('id'));
    const afterSeq = intQuery(c, 'afterSeq', 0);
    const limit = intQuery(c, 'limit', 200, 500) || 200;
    return c.json(await listMessages(ctx, conv, { afterSeq, limit, internal: true }));
  });

  app.post('/conversations/:id/messages', async (c) => {
    const body = await readBody(c, AgentMessageSchema);
    const conv = await siteConversation(ctx, c.get('site').id, c.req.param('id'));
    const agent = c.get('agent');
    const author = { kind: 'agent' as const, id: agent.id, name: agent.name, avatarUrl: null };
    const result = await sendMessage(ctx, c.get('site'), conv.id as string, author, body);
    // An agent who writes into a chat the bot holds takes it over.
    if (result.created && !result.message.internal && conv.bot_state && conv.bot_state !== 'handedOff')
      await ctx.bot.takeOver(ctx, c.get('site'), conv.id as string);
    return c.json(result.message, result.created ? 201 : 200);
  });

  app.post('/conversations/:id/assign', async (c) => {
    const body = await readBody(c, AssignSchema);
    await siteConversation(ctx, c.get('site').id, c.req.param('id'));
    // Only to a member of this conversation's site: other sites' agents are unknown here.
    if (body.assigneeId && !(await isMember(ctx.db, c.get('site').id, body.assigneeId)))
      throw new ApiError('not_found', 'No agent of this site has this id: assign a member of the site.');
    return c.json(
      await updateConversation(ctx, c.get('site'), c.req.param('id'), { assigneeId: body.assigneeId }),
    );
  });

  // Routing: the site's teams (members, presence, load) and moving a conversation to another team by hand.
  app.get('/teams', async (c) => {
    requireRole(c.get('roles'), 'agent');
    return c.json(await teamSummaries(ctx, c.get('site')));
  });

  app.post('/conversations/:id/team', async (c) => {
    requireRole(c.get('roles'), 'agent');
    const body = await readBody(c, SetTeamSchema);
    return c.json(await setTeam(ctx, c.get('site'), c.req.param('id'), body.teamId));
  });

  app.post('/conversations/:id/status', async (c) => {
    const body = await readBody(c, StatusSchema);
    await siteConversation(ctx, c.get('site').id, c.req.param('id'));
    // A resolution is sampled for quality review inside updateConversation (and again when a rating arrives).
    return c.json(await updateConversation(ctx, c.get('site'), c.req.param('id'), { status: body.status }));
  });

  // Tags agents add or remove by hand; the site's own (`addTags`) live in the same list.
  app.post('/conversations/:id/tags', async (c) => {
    requireRole(c.get('roles'), 'agent');
    const body = await readBody(c, AgentTagsSchema);
    const siteId = c.get('site').id;
    const conv = await siteConversation(ctx, siteId, c.req.param('id'));
    const conversation = await withEvents(ctx.db, ctx.hub, async (tx, events) =>
      writeConversationData(
        tx,
        events,
        siteId,
        (await lockConversation(tx, conv.id as string))!,
        { addTags: body.add, removeTags: body.remove },
        'body',
        'add',
      ),
    );
    return c.json(conversation);
  });

  app.post('/conversations/:id/read', async (c) => {
    const body = await readBody(c, MarkReadSchema);
    await siteConversation(ctx, c.get('site').id, c.req.param('id'));
    await markRead(ctx, c.get('site'), c.req.param('id'), 'agent', body.readSeq);
    return c.body(null, 204);
  });

  app.post('/conversations/:id/typing', async (c) => {
    const body = await readBody(c, TypingSchema);
    const conv = await siteConversation(ctx, c.get('site').id, c.req.param('id'));
    const event = {
      type: 'typing' as const,
      conversationId: conv.id as string,
      by: 'agent' as const,
      name: c.get('agent').name,
      typing: body.typing,
    };
    ctx.hub.publishEphemeral(visitorStream(conv.visitor_id as string), event);
    ctx.hub.publishEphemeral(siteStream(c.get('site').id), event);
    return c.body(null, 204);
  });

  app.get('/events', async (c) => {
    const after = intQuery(c, 'after', 0);
    const limit = intQuery(c, 'limit', 100, 500) || 100;
    const wait = intQuery(c, 'wait', 0, 25);
    const stream = siteStream(c.get('site').id);
    if (wait > 0) return c.json(await longPoll(ctx, stream, after, limit, wait * 1000, c.req.raw.signal));
    return c.json(await readEvents(ctx.db, stream, after, limit));
  });

  app.get('/canned', async (c) => {
    const rows = await ctx.db.query(
      'select id, shortcut, title, text from canned_responses where site_id = $1 order by shortcut',
      [c.get('site').id],
    );
    return c.json(rows);
  });

  app.post('/canned', async (c) => {
    const body = await readBody(c, NewCannedSchema);
    const site = c.get('site');
    const taken = await ctx.db.query('select 1 from canned_responses where site_id = $1 and shortcut = $2', [
      site.id,
      body.shortcut,
    ]);
    if (taken.length > 0) throw new ApiError('conflict', `The shortcut "${body.shortcut}" is taken.`);
    const rows = await ctx.db.query(
      'insert into canned_responses (id, site_id, shortcut, title, text) values ($1, $2, $3, $4, $5) returning id, shortcut, title, text',
      [newId('cr'), site.id, body.shortcut, body.title, body.text],
    );
    return c.json(rows[0], 201);
  });

  app.delete('/canned/:id', async (c) => {
    const rows = await ctx.db.query(
      'delete from canned_responses where id = $1 and site_id = $2 returning id',
      [c.req.param('id'), c.get('site').id],
    );
    if (rows.length === 0) throw notFound('The canned response');
    return c.body(null, 204);
  });

  app.get('/tickets', async (c) => {
    const status = c.req.query('status');
    if (status !== undefined) validate(ConversationStatusSchema, status, 'query.status');
    return c.json(await listTickets(ctx, c.get('site').id, status));
  });

  app.patch('/tickets/:id', async (c) => {
    const body = await readBody(c, TicketUpdateSchema);
    return c.json(await updateTicket(ctx, c.get('site').id, c.req.param('id'), body));
  });

  app.post('/uploads', async (c) => {
    const form = await readUpload(c);
    const conversationId = validate(IdSchema, form.conversationId, 'body.conversationId');
    const conv = await siteConversation(ctx, c.get('site').id, conversationId);
    const owner = { agentId: c.get('agent').id, conversationId: conv.id as string };
    return c.json(await storeUpload(ctx, c.get('site').id, form, owner), 201);
  });

  app.get('/articles', async (c) => c.json(await listArticles(ctx, c.get('site').id, false)));
  // One click in the console: a visitor's message becomes an alternative question of an article.
  app.post('/articles/:id/questions', async (c) => {
    const body = await readBody(c, AddQuestionSchema);
    return c.json(await addQuestion(ctx, c.get('site').id, c.req.param('id'), body.locale, body.question));
  });

  app.get('/visitors/:id', async (c) => {
    const rows = await ctx.db.query<Row>('select * from visitors where id = $1 and site_id = $2', [
      c.req.param('id'),
      c.get('site').id,
    ]);
    const visitor = rows[0];
    if (!visitor) throw notFound('The visitor');
    const conversations = await ctx.db.query<Row>(
      'select * from conversations where visitor_id = $1 order by created_at desc limit 50',
      [visitor.id],
    );
    return c.json({
      visitor: { ...toVisitor(visitor), page: visitor.page ?? null, locale: visitor.locale ?? null },
      conversations: conversations.map(toAgentConversation),
    });
  });

  return app;
}
