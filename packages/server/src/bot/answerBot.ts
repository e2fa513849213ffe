import { type BotAnswer, type BotState, localize, type Message } from '@frontdesk/protocol';
import type { Row } from '../db/rows';
import { toConversation, toMessage } from '../db/rows';
import { assignAfter } from '../services/assignment';
import { availability } from '../services/availability';
import type { AppContext } from '../services/context';
import { siteStream, visitorStream, withEvents } from '../services/events';
import { insertMessage, lockConversation } from '../services/messages';
import { sampleAfter } from '../services/sampling';
import type { Site } from '../services/sites';
import type { AnswerSource } from './answerSource';
import type { Responder } from './responder';
import { BOT_TEXTS } from './texts';

/** Why the bot handed a conversation to the team (recorded with the hand-off, see docs/bot.md). */
export type HandoffReason = 'asked' | 'none' | 'low' | 'tries' | 'declined' | 'error' | 'off';

/** What the visitor's message was, for the bot. */
export interface VisitorTurn {
  message: Message;
  /** The visitor's answer to "Did that answer your question?", when they pressed a button. */
  reply?: 'yes' | 'person' | undefined;
}

/**
 * The answer bot's rules (docs/bot.md). It holds a chat it took (status `pending`, so it is not waiting for an
 * agent) and answers each question from the help center when the best article is a confident answer; "Talk to a
 * person", no confident answer, a declined answer or `maxTries` answers passed over hand the chat to the team.
 * "Yes" resolves it as deflected. Turns of one conversation run one at a time, after the visitor's request.
 */
export class AnswerBot {
  private readonly queue = new Map<string, Promise<void>>();

  constructor(
    private readonly source: AnswerSource,
    private readonly responder: Responder,
  ) {}

  /** React to a stored visitor message. The promise settles when the bot has answered or handed over. */
  handle(ctx: AppContext, site: Site, turn: VisitorTurn): Promise<void> {
    const id = turn.message.conversationId;
    const next = (this.queue.get(id) ?? Promise.resolve())
      .then(() => this.step(ctx, site, turn))
      .catch(async (error: unknown) => {
        console.error(`bot: conversation ${id}:`, error);
        await this.handOff(ctx, site, turn.message, 'error').catch(() => undefined);
      });
    this.queue.set(id, next);
    void next.then(() => {
      if (this.queue.get(id) === next) this.queue.delete(id);
    });
    return next;
  }

  private async step(ctx: AppContext, site: Site, { message, reply }: VisitorTurn): Promise<void> {
    const [conv] = await ctx.db.query<Row>(
      `select c.bot_state, c.bot_tries, v.locale,
         exists (select 1 from messages m where m.conversation_id = c.id and m.author_kind = 'agent' and not m.internal) as agent_replied
       from conversations c join visitors v on v.id = c.visitor_id where c.id = $1`,
      [message.conversationId],
    );
    const state = conv?.bot_state as BotState | null | undefined;
    if (!conv || !state || state === 'handedOff') return;
    const config = site.config.bot;
    if (!config.enabled) return this.handOff(ctx, site, message, 'off');
    // An agent who wrote into the chat has taken it: the bot stays out of it.
    if (conv.agent_replied) return this.release(ctx, site, message.conversationId);
    const tries = conv.bot_tries as number;
    if (reply === 'person') return this.handOff(ctx, site, message, 'asked');
    if (reply === 'yes') {
      if (state !== 'answering' || tries === 0) return;
      const text = localize(BOT_TEXTS.confirmed, this.locale(site, conv));
      await this.post(ctx, site, message, text, null, {
        state: 'confirmed',
        tries,
        activity: 'bot.confirmed',
      });
      // Resolved by the bot (not through updateConversation): sampled for quality review like any resolution.
      return sampleAfter(ctx, site, message.conversationId);
    }
    // A new question after a confirmed answer starts over; asking again after an answer passes it over.
    const passed = state === 'confirmed' ? 0 : tries;
    if (passed >= config.maxTries) return this.handOff(ctx, site, message, 'tries');
    const locale = this.locale(site, conv);
    const best = message.text.trim()
      ? await this.source.best(site.id, message.text, locale, config.confidence, {
          synonyms: site.config.helpCenter.synonyms,
        })
      : null;
    if (best?.verdict !== 'answer') return this.handOff(ctx, site, message, best ? 'low' : 'none');
    const text = await this.responder.respond({
      question: message.text,
      locale: best.locale,
      passages: [{ articleId: best.articleId, title: best.title, text: best.passage }],
    });
    if (!text) return this.handOff(ctx, site, message, 'declined');
    const answer: BotAnswer = {
      articleId: best.articleId,
      slug: best.slug,
      title: best.title,
      locale: best.locale,
    };
    await this.post(ctx, site, message, text, answer, {
      state: 'answering',
      tries: passed + 1,
      activity: 'bot.answer',
      data: { articleId: best.articleId, score: best.score },
    });
  }

  /**
   * On start: take the turns a stopped server left unanswered (a chat the bot holds whose last message is the
   * visitor's). Several nodes doing it at once is harmless: a bot reply is idempotent by the message it answers.
   */
  async resume(ctx: AppContext): Promise<number> {
    const rows = await ctx.db.query<Row>(
      `select m.*, c.site_id from conversations c join messages m on m.conversation_id = c.id and m.seq = c.last_seq
       where c.bot_state in ('answering', 'confirmed') and m.author_kind = 'visitor'`,
    );
    for (const row of rows) {
      const site = await ctx.sites.byId(row.site_id as string);
      if (site) void this.handle(ctx, site, { message: toMessage(row) });
    }
    return rows.length;
  }

  /** An agent wrote into a chat the bot holds: the team has it now (after any turn the bot is taking). */
  takeOver(ctx: AppContext, site: Site, conversationId: string): Promise<void> {
    const next = (this.queue.get(conversationId) ?? Promise.resolve()).then(() =>
      this.release(ctx, site, conversationId),
    );
    this.queue.set(
      conversationId,
      next.catch(() => undefined),
    );
    return next;
  }

  private async release(ctx: AppContext, site: Site, conversationId: string): Promise<void> {
    await withEvents(ctx.db, ctx.hub, async (tx, events) => {
      const conv = await lockConversation(tx, conversationId);
      if (conv?.bot_state && conv.bot_state !== 'handedOff')
        await updateState(tx, events, site, conv, 'handedOff', null);
    });
  }

  private locale(site: Site, conv: Row): string {
    return (conv.locale as string | null) ?? site.config.locales.default;
  }

  /** Give the chat to the team: it becomes open in the inbox, and the visitor is told what happens next. */
  private async handOff(ctx: AppContext, site: Site, trigger: Message, reason: HandoffReason) {
    const [row] = await ctx.db.query<Row>(
      'select v.locale from conversations c join visitors v on v.id = c.visitor_id where c.id = $1',
      [trigger.conversationId],
    );
    const locale = (row?.locale as string | null) ?? site.config.locales.default;
    const now = await availability(ctx.db, site);
    const first = site.config.bot.handoffText ?? BOT_TEXTS.handoff;
    const next =
      now.status === 'online' && now.expectedReplyMinutes
        ? localize(BOT_TEXTS.replyIn, locale).replace('{n}', String(now.expectedReplyMinutes))
        : site.config.away.askEmail !== false
          ? localize(BOT_TEXTS.away, locale)
          : localize(site.config.away.message, locale);
    const text = `${localize(first, locale)} ${next}`.trim();
    await this.post(ctx, site, trigger, text, null, {
      state: 'handedOff',
      tries: null,
      activity: 'bot.handoff',
      data: { reason },
    });
    // The team has it now: automatic assignment may give it to an agent.
    await assignAfter(ctx, site);
  }

  /** Store a bot message replying to `trigger` (idempotent by it) and the conversation's new state. */
  private async post(
    ctx: AppContext,
    site: Site,
    trigger: Message,
    text: string,
    answer: BotAnswer | null,
    change: { state: BotState; tries: number | null; activity: string; data?: object },
  ): Promise<void> {
    const author = { kind: 'bot' as const, id: null, name: site.config.bot.name, avatarUrl: null };
    await withEvents(ctx.db, ctx.hub, async (tx, events) => {
      const conv = await lockConversation(tx, trigger.conversationId);
      if (!conv) return null;
      const input = { clientId: `bot_${trigger.id}`.slice(0, 64), text, ...(answer ? { answer } : {}) };
      const stored = await insertMessage(tx, events, site, conv, author, input);
      if (!stored.created) return null;
      const conversation = await updateState(tx, events, site, conv, change.state, change.tries);
      // Webhooks go into the same transaction (the outbox): a stored bot message always has its webhook.
      await ctx.webhooks.enqueueWith(tx, events, site, 'message.created', { message: stored.message });
      if (change.state === 'confirmed')
        await ctx.webhooks.enqueueWith(tx, events, site, 'conversation.resolved', { conversation });
      await tx.query('insert into activity (site_id, visitor_id, name, data) values ($1, $2, $3, $4)', [
        site.id,
        conv.visitor_id,
        change.activity,
        JSON.stringify({ conversationId: conv.id, ...change.data }),
      ]);
      return { message: stored.message, conversation };
    });
  }
}

/** The status that goes with a bot state: pending while the bot holds it, resolved once confirmed, else open. */
const STATUS: Record<BotState, string> = { answering: 'pending', confirmed: 'resolved', handedOff: 'open' };

async function updateState(
  tx: Parameters<Parameters<typeof withEvents>[2]>[0],
  events: Parameters<Parameters<typeof withEvents>[2]>[1],
  site: Site,
  conv: Row,
  state: BotState,
  tries: number | null,
) {
  const rows = await tx.query<Row>(
    `update conversations set bot_state = $2, bot_tries = coalesce($3, bot_tries), status = $4, updated_at = now(),
       resolved_at = case when $4 = 'resolved' then coalesce(resolved_at, now()) else null end
     where id = $1 returning *`,
    [conv.id, state, tries, STATUS[state]],
  );
  const conversation = toConversation(rows[0]!);
  const event = { type: 'conversation.updated' as const, conversation };
  await events.append(siteStream(site.id), event);
  await events.append(visitorStream(conversation.visitorId), event);
  return conversation;
}
