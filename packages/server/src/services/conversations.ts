import type { Conversation, ConversationStatus, CreateConversation, Message } from '@frontdesk/protocol';
import { newId } from '../auth/crypto';
import { type Row, toAgentConversation, toConversation, toMessage, toReaders } from '../db/rows';
import { ApiError, notFound } from '../http/errors';
import { assignAfter, assignForAgent } from './assignment';
import type { AppContext } from './context';
import { isUniqueViolation, retryOnConflict } from './context';
import { takePending } from './conversationData';
import { siteStream, visitorStream, withEvents } from './events';
import { fastSend } from './fastSend';
import { insertMessage, lockConversation, type MessageInput } from './messages';
import { proactiveFirstMessage, recordProactive } from './proactive';
import { routes, routeTeam, topicOf } from './routing';
import { sampleAfter } from './sampling';
import type { Site } from './sites';

/** A visitor as the author of messages. */
export interface VisitorRef {
  id: string;
  name: string | null;
}

/** The visitor's conversations, newest activity first. */
export async function listVisitorConversations(ctx: AppContext, visitorId: string): Promise<Conversation[]> {
  const rows = await ctx.db.query<Row>(
    'select * from conversations where visitor_id = $1 order by updated_at desc, id limit 200',
    [visitorId],
  );
  return rows.map(toConversation);
}

/** A conversation of this visitor; 404 for anyone else's (its existence is not revealed). */
export async function visitorConversation(ctx: AppContext, visitorId: string, id: string): Promise<Row> {
  const rows = await ctx.db.query<Row>('select * from conversations where id = $1 and visitor_id = $2', [
    id,
    visitorId,
  ]);
  if (!rows[0]) throw notFound('The conversation');
  return rows[0];
}

/** A conversation of the site (agent side). */
export async function siteConversation(ctx: AppContext, siteId: string, id: string): Promise<Row> {
  const rows = await ctx.db.query<Row>('select * from conversations where id = $1 and site_id = $2', [
    id,
    siteId,
  ]);
  if (!rows[0]) throw notFound('The conversation');
  return rows[0];
}

/** Messages after `afterSeq`, oldest first; internal notes only when `internal` is allowed. */
export async function listMessages(
  ctx: AppContext,
  conversation: Row,
  options: { afterSeq: number; limit: number; internal: boolean },
): Promise<Message[]> {
  const rows = await ctx.db.query<Row>(
    `select * from messages where conversation_id = $1 and seq > $2 ${options.internal ? '' : 'and not internal'}
     order by seq limit $3`,
    [conversation.id, options.afterSeq, options.limit],
  );
  const readers = toReaders(conversation);
  return rows.map((r) => toMessage(r, readers));
}

/** Start a conversation with an optional first message; idempotent by the conversation's clientId. */
export async function createConversation(
  ctx: AppContext,
  site: Site,
  visitor: VisitorRef,
  input: CreateConversation,
  channel: Conversation['channel'] = input.channel ?? 'chat',
): Promise<{ conversation: Conversation; message: Message | null; created: boolean }> {
  const result = await retryOnConflict(() =>
    withEvents(ctx.db, ctx.hub, async (tx, events) => {
      const found = await tx.query<Row>(
        'select * from conversations where visitor_id = $1 and client_id = $2',
        [visitor.id, input.clientId],
      );
      if (found[0]) {
        const conv = found[0];
        let message: Message | null = null;
        if (input.message) {
          const m = await tx.query<Row>(
            "select * from messages where conversation_id = $1 and client_id = $2 and author_kind = 'visitor'",
            [conv.id, input.message.clientId],
          );
          message = m[0] ? toMessage(m[0], toReaders(conv)) : null;
        }
        return { conversation: toConversation(conv), message, created: false };
      }
      const id = newId('cv');
      // The answer bot takes new chats when enabled: pending (not waiting for an agent) until it hands over.
      const bot = site.config.bot.enabled && channel === 'chat';
      // Fields and tags the site set before this conversation existed: on it from the start (routing reads them).
      const pending = await takePending(tx, visitor.id);
      const team = routes(site.config)
        ? routeTeam(
            site.config,
            await topicOf(tx, visitor.id, {
              channel,
              pageUrl: input.page?.url,
              fields: pending?.fields ?? {},
              tags: pending?.tags ?? [],
            }),
          )
        : null;
      await tx.query(
        `insert into conversations (id, site_id, visitor_id, client_id, channel, subject, page, status, bot_state,
           fields, tags, team_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text[], $12)`,
        [
          id,
          site.id,
          visitor.id,
          input.clientId,
          channel,
          input.subject ?? null,
          input.page ? JSON.stringify(input.page) : null,
          bot ? 'pending' : 'open',
          bot ? 'answering' : null,
          JSON.stringify(pending?.fields ?? {}),
          pending?.tags ?? [],
          team,
        ],
      );
      const locked = (await lockConversation(tx, id))!;
      // conversation.created comes first in both streams, then the first message.created. Counter locks are
      // taken in one order everywhere (the site stream's, then the visitor's): the other order deadlocked.
      const created = { type: 'conversation.created' as const, conversation: toConversation(locked) };
      await events.append(siteStream(site.id), { ...created, conversation: toAgentConversation(locked) });
      await events.append(visitorStream(visitor.id), created);
      // Answering a proactive message: it comes first, authored as its agent or the bot (text from the config).
      if (input.proactive) {
        const [row] = await tx.query<{ locale: string | null }>('select locale from visitors where id = $1', [
          visitor.id,
        ]);
        const first = proactiveFirstMessage(site, input.proactive, row?.locale ?? null);
        await insertMessage(tx, events, site, locked, first.author, {
          clientId: `proactive:${input.clientId}`,
          text: first.text,
          proactive: true,
        });
        await recordProactive(tx, site.id, visitor.id, 'proactive.replied', first.id);
      }
      let message: Message | null = null;
      if (input.message) {
        const author = { kind: 'visitor' as const, id: visitor.id, name: visitor.name, avatarUrl: null };
        message = (await insertMessage(tx, events, site, locked, author, input.message)).message;
      }
      const conv = toConversation(
        (await tx.query<Row>('select * from conversations where id = $1', [id]))[0]!,
      );
      // Webhooks are written in this transaction (the outbox): stored means its webhooks will be sent.
      await ctx.webhooks.enqueueWith(tx, events, site, 'conversation.created', {
        conversation: { ...conv, teamId: team },
      });
      if (message) await ctx.webhooks.enqueueWith(tx, events, site, 'message.created', { message });
      return { conversation: conv, message, created: true };
    }),
  );
  if (result.created) await assignAfter(ctx, site);
  return result;
}

/**
 * Whether the answer bot holds a chat in this state: `null` (never had it) and `handedOff` are final, so a
 * message sent in either needs no bot turn.
 */
const botHolds = (state: string | null) => state !== null && state !== 'handedOff';

/**
 * Store a message, idempotent by clientId. `author` is an agent, or `{ visitorId }` for the conversation's
 * visitor: anyone else's conversation is a 404, checked under the row lock in the same transaction.
 */
export async function sendMessage(
  ctx: AppContext,
  site: Site,
  conversationId: string,
  author: Message['author'] | { visitorId: string },
  input: MessageInput,
): Promise<{ message: Message; created: boolean; botHolds: boolean }> {
  // The one-statement path writes no webhook: taken only when no webhook wants this message.
  const noWebhook =
    (!('visitorId' in author) && input.internal === true) || !ctx.webhooks.wants(site, 'message.created');
  if (!input.attachmentIds?.length && noWebhook) {
    const fast = await fastSend(ctx.db, ctx.hub, site, conversationId, author, input).catch(
      (error: unknown) => {
        if (isUniqueViolation(error)) return null; // a concurrent duplicate: the full path finds it
        throw error;
      },
    );
    if (fast) return { message: fast.message, created: true, botHolds: botHolds(fast.botState) };
  }
  const result = await retryOnConflict(() =>
    withEvents(ctx.db, ctx.hub, async (tx, events) => {
      const conv = await lockConversation(tx, conversationId, input.clientId);
      if (!conv || conv.site_id !== site.id) throw notFound('The conversation');
      let by: Message['author'];
      if ('visitorId' in author) {
        if (conv.visitor_id !== author.visitorId) throw notFound('The conversation');
        by = {
          kind: 'visitor',
          id: author.visitorId,
          name: (conv.visitor_name as string | null) ?? null,
          avatarUrl: null,
        };
      } else by = author;
      const stored = await insertMessage(tx, events, site, conv, by, input);
      if (stored.created && !stored.message.internal)
        await ctx.webhooks.enqueueWith(tx, events, site, 'message.created', { message: stored.message });
      return { ...stored, botHolds: botHolds(conv.bot_state as string | null) };
    }),
  );
  return result;
}

/** Record that one side read up to `readSeq` (capped at the last message); tells both sides. */
export async function markRead(
  ctx: AppContext,
  site: Site,
  conversationId: string,
  by: 'visitor' | 'agent',
  readSeq: number,
): Promise<Conversation> {
  return withEvents(ctx.db, ctx.hub, async (tx, events) => {
    const conv = (await lockConversation(tx, conversationId))!;
    const column = by === 'visitor' ? 'visitor_read' : 'agent_read';
    const current = conv[`${column}_seq`] as number;
    const target = Math.min(readSeq, conv.last_seq as number);
    if (target <= current) return toConversation(conv);
    const rows = await tx.query<Row>(
      `update conversations set ${column}_seq = $2, ${column}_at = now() where id = $1 returning *`,
      [conversationId, target],
    );
    const updated = rows[0]!;
    const event = {
      type: 'message.read' as const,
      conversationId,
      by,
      readSeq: target,
      at: new Date().toISOString(),
    };
    await events.append(siteStream(site.id), event);
    // The visitor's own reads too: their other devices clear the unread count live.
    await events.append(visitorStream(updated.visitor_id as string), event);
    return toConversation(updated);
  });
}

/** Change status and/or assignee; stamps resolvedAt, asks for a rating on resolve when configured. */
export async function updateConversation(
  ctx: AppContext,
  site: Site,
  conversationId: string,
  change: { status?: ConversationStatus; assigneeId?: string | null },
): Promise<Conversation> {
  const result = await withEvents(ctx.db, ctx.hub, async (tx, events) => {
    const conv = await lockConversation(tx, conversationId);
    if (!conv) throw notFound('The conversation');
    const status = change.status ?? (conv.status as ConversationStatus);
    const assignee =
      change.assigneeId === undefined ? (conv.assignee_id as string | null) : change.assigneeId;
    if (status === conv.status && assignee === conv.assignee_id)
      return { conversation: toAgentConversation(conv), resolved: false, freed: null, waits: false };
    // A new resolution schedules the follow-up email (sent only if the visitor has not answered by then);
    // reopening cancels it. Whoever resolves (agent, visitor, bot), it happens here.
    const followUp = site.config.email;
    const followUpSeconds =
      status === 'resolved' && conv.status !== 'resolved' && followUp.enabled && followUp.followUp.enabled
        ? followUp.followUp.delayMinutes * 60
        : null;
    const rows = await tx.query<Row>(
      `update conversations set status = $2, assignee_id = $3, updated_at = now(),
         resolved_at = case when $2 = 'resolved' then coalesce(resolved_at, now()) else null end,
         followup_at = case when $2 <> 'resolved' then null when $4::float8 is null then followup_at
                            else now() + make_interval(secs => $4::float8) end,
         reopen_count = reopen_count + case when status = 'resolved' and $2 <> 'resolved' then 1 else 0 end
       where id = $1 returning *`,
      [conversationId, status, assignee, followUpSeconds],
    );
    const conversation = toConversation(rows[0]!);
    const event = { type: 'conversation.updated' as const, conversation };
    await events.append(siteStream(site.id), { ...event, conversation: toAgentConversation(rows[0]!) });
    await events.append(visitorStream(conversation.visitorId), event);
    const resolved = status === 'resolved' && conv.status !== 'resolved';
    if (
      resolved &&
      site.config.rating.askWhen === 'resolved' &&
      (site.config.rating.csat || site.config.rating.nps)
    ) {
      // A "not solved" answer reopened it: ask again on this new resolution.
      const rated = await tx.query(
        'select 1 from ratings where conversation_id = $1 and solved is distinct from false',
        [conversationId],
      );
      if (rated.length === 0)
        await events.append(visitorStream(conversation.visitorId), {
          type: 'rating.requested',
          conversationId,
        });
    }
    if (resolved) await ctx.webhooks.enqueueWith(tx, events, site, 'conversation.resolved', { conversation });
    // Who may now take more: the former assignee when it was resolved or handed back.
    const freed = conv.assignee_id && (resolved || assignee !== conv.assignee_id) ? conv.assignee_id : null;
    return {
      conversation: toAgentConversation(rows[0]!),
      resolved,
      freed: freed as string | null,
      waits: assignee === null,
    };
  });
  // Every resolution (agent, visitor ending the chat, email) is sampled for quality review once committed;
  // idempotent (one queue row per conversation), and the periodic sweep catches what a crash here misses.
  if (result.resolved) await sampleAfter(ctx, site, conversationId);
  if (result.freed) await assignForAgent(ctx, result.freed);
  else if (result.waits) await assignAfter(ctx, site);
  return result.conversation;
}

/**
 * Move a conversation (and its ticket) to a team, or to none. An assignee who is not a member of the new team
 * hands it back, and automatic assignment runs.
 */
export async function setTeam(
  ctx: AppContext,
  site: Site,
  conversationId: string,
  teamId: string | null,
): Promise<Conversation> {
  const team = teamId === null ? null : site.config.teams.find((t) => t.id === teamId);
  if (team === undefined) {
    const known = site.config.teams.map((t) => t.id);
    const message = `body.teamId: expected the id of a team of this site (${known.join(', ') || 'none defined'}), found ${JSON.stringify(teamId)}`;
    throw new ApiError('validation_failed', `Invalid request: ${message}`, [
      {
        path: 'body.teamId',
        expected: 'the id of a team of this site',
        received: JSON.stringify(teamId),
        message,
      },
    ]);
  }
  const result = await withEvents(ctx.db, ctx.hub, async (tx, events) => {
    const conv = await lockConversation(tx, conversationId);
    if (!conv || conv.site_id !== site.id) throw notFound('The conversation');
    if ((conv.team_id ?? null) === teamId) return { row: conv, freed: null };
    let assignee = conv.assignee_id as string | null;
    if (assignee && team) {
      const member = await tx.query<{ email: string }>('select email from agents where id = $1', [assignee]);
      if (!team.agents.includes(member[0]?.email ?? '')) assignee = null;
    }
    const rows = await tx.query<Row>(
      'update conversations set team_id = $2, assignee_id = $3, updated_at = now() where id = $1 returning *',
      [conversationId, teamId, assignee],
    );
    await tx.query('update tickets set team_id = $2, updated_at = now() where conversation_id = $1', [
      conversationId,
      teamId,
    ]);
    const row = rows[0]!;
    await events.append(siteStream(site.id), {
      type: 'conversation.updated',
      conversation: toAgentConversation(row),
    });
    await events.append(visitorStream(row.visitor_id as string), {
      type: 'conversation.updated',
      conversation: toConversation(row),
    });
    return { row, freed: assignee === conv.assignee_id ? null : (conv.assignee_id as string | null) };
  });
  if (result.freed) await assignForAgent(ctx, result.freed);
  await assignAfter(ctx, site);
  // As it is after automatic assignment.
  return toAgentConversation((await siteConversation(ctx, site.id, conversationId)) ?? result.row);
}
