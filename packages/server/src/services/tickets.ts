import {
  type Attachment,
  type FormSubmission,
  localize,
  type Ticket,
  validateSubmission,
} from '@frontdesk/protocol';
import { newId } from '../auth/crypto';
import type { Sql } from '../db/database';
import { type Row, toAgentConversation, toConversation, toTicket } from '../db/rows';
import { ApiError, notFound } from '../http/errors';
import { assignAfter } from './assignment';
import type { AppContext } from './context';
import { retryOnConflict } from './context';
import { nextCounter, siteStream, visitorStream, withEvents } from './events';
import { insertMessage, lockConversation } from './messages';
import { routes, routeTeam, topicOf } from './routing';
import type { Site } from './sites';

/**
 * Submit a configured form: validated against the published form definition, stored as a ticket with a human
 * reference (`FD-1001`) and a conversation (channel `form`) so it shows in the inbox. Idempotent by clientId.
 */
export async function submitForm(
  ctx: AppContext,
  site: Site,
  visitor: { id: string; name: string | null },
  formId: string,
  input: FormSubmission,
): Promise<{ ticket: Ticket; created: boolean }> {
  const form = site.config.forms.find((f) => f.id === formId);
  if (!form) throw notFound(`The form "${formId}"`);
  if (input.formId !== formId) {
    const issue = {
      path: 'body.formId',
      expected: JSON.stringify(formId),
      received: JSON.stringify(input.formId),
      message: `body.formId: expected "${formId}" (the form in the URL), found ${JSON.stringify(input.formId)}`,
    };
    throw new ApiError('validation_failed', `Invalid request: ${issue.message}`, [issue]);
  }
  const issues = validateSubmission(form, input.values).map((i) => ({
    ...i,
    path: `body.${i.path}`,
    message: `body.${i.message}`,
  }));
  if (issues.length > 0)
    throw new ApiError('validation_failed', `Invalid request: ${issues[0]!.message}`, issues);
  const locale = input.locale ?? 'en';
  const result = await retryOnConflict(() =>
    withEvents(ctx.db, ctx.hub, async (tx, events) => {
      const found = await tx.query<Row>('select * from tickets where visitor_id = $1 and client_id = $2', [
        visitor.id,
        input.clientId,
      ]);
      if (found[0]) {
        const again = await tx.query<Row>(`${TICKET_SELECT} where t.id = $1`, [found[0].id]);
        return { ticket: toTicket(again[0]!), created: false };
      }
      const number = await nextCounter(tx, `tickets:${site.id}`, 1001);
      const conversationId = newId('cv');
      const subject = `${localize(form.title, locale)} (FD-${number})`;
      const topic = { channel: 'form' as const, formId, values: input.values, pageUrl: input.page?.url };
      const team = routes(site.config) ? routeTeam(site.config, await topicOf(tx, visitor.id, topic)) : null;
      await tx.query(
        `insert into conversations (id, site_id, visitor_id, client_id, channel, subject, page, team_id)
         values ($1, $2, $3, $4, 'form', $5, $6, $7)`,
        [
          conversationId,
          site.id,
          visitor.id,
          `form-${input.clientId}`.slice(0, 64),
          subject,
          input.page ? JSON.stringify(input.page) : null,
          team,
        ],
      );
      await claimFormUploads(tx, site.id, visitor.id, conversationId, form.fields, input.values);
      const conv = (await lockConversation(tx, conversationId))!;
      const created = { type: 'conversation.created' as const, conversation: toConversation(conv) };
      // Site stream first, then the visitor's: the one counter lock order (see createConversation).
      await events.append(siteStream(site.id), { ...created, conversation: toAgentConversation(conv) });
      await events.append(visitorStream(visitor.id), created);
      // A file field's value is an upload id: agents get the file itself, as a chat attachment (a link, and a
      // preview for images), and the message names it by its file name.
      const files = await formFiles(tx, site.id, visitor.id, form.fields, input.values);
      const text = form.fields
        .filter((f) => input.values[f.name] !== undefined)
        .map((f) => {
          const file = f.type === 'file' ? files.find((a) => a.id === input.values[f.name]) : undefined;
          return `${localize(f.label, locale)}: ${file ? file.name : formatValue(input.values[f.name])}`;
        })
        .join('\n');
      await insertMessage(
        tx,
        events,
        site,
        conv,
        { kind: 'visitor', id: visitor.id, name: visitor.name, avatarUrl: null },
        {
          clientId: input.clientId,
          text: text.slice(0, 5000) || subject,
          attachmentIds: files.map((a) => a.id),
        },
      );
      const rows = await tx.query<Row>(
        `insert into tickets (id, site_id, reference, form_id, visitor_id, conversation_id, client_id, values, team_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *`,
        [
          newId('tk'),
          site.id,
          `FD-${number}`,
          formId,
          visitor.id,
          conversationId,
          input.clientId,
          JSON.stringify(input.values),
          team,
        ],
      );
      const ticket = toTicket({ ...rows[0]!, files });
      // Agents and the site's webhooks see the team; the visitor's answer does not name it.
      const staffView = { ...ticket, teamId: team };
      await events.append(siteStream(site.id), { type: 'ticket.created', ticket: staffView });
      await ctx.webhooks.enqueueWith(tx, events, site, 'ticket.created', { ticket: staffView });
      return { ticket, created: true };
    }),
  );
  if (result.created) await assignAfter(ctx, site);
  return result;
}

/**
 * File fields name uploads: each must be the visitor's own, not yet attached elsewhere; it is then attached to the
 * ticket's conversation (so it does not expire and is erased with it).
 */
async function claimFormUploads(
  tx: Sql,
  siteId: string,
  visitorId: string,
  conversationId: string,
  fields: ReadonlyArray<{ name: string; type: string }>,
  values: Record<string, unknown>,
): Promise<void> {
  for (const field of fields) {
    const id = values[field.name];
    if (field.type !== 'file' || typeof id !== 'string') continue;
    const rows = await tx.query(
      `update uploads set conversation_id = $4, attached_at = now()
       where id = $1 and site_id = $2 and visitor_id = $3 and agent_id is null and conversation_id is null
       returning id`,
      [id, siteId, visitorId, conversationId],
    );
    if (rows.length > 0) continue;
    const path = `body.values.${field.name}`;
    const issue = {
      path,
      expected: 'the id of one of your uploads',
      received: JSON.stringify(id),
      message: `${path}: expected the id of one of your uploads, found ${JSON.stringify(id)}`,
    };
    throw new ApiError('validation_failed', `Invalid request: ${issue.message}`, [issue]);
  }
}

/**
 * The uploads a submission's file fields name, each checked to be this visitor's own upload of this site (an id
 * of someone else's file is refused, naming the field), in field order.
 */
async function formFiles(
  tx: Sql,
  siteId: string,
  visitorId: string,
  fields: readonly { name: string; type: string }[],
  values: Record<string, unknown>,
): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const field of fields) {
    const id = values[field.name];
    if (field.type !== 'file' || typeof id !== 'string') continue;
    const row = (
      await tx.query<Row>('select * from uploads where id = $1 and site_id = $2 and visitor_id = $3', [
        id,
        siteId,
        visitorId,
      ])
    )[0];
    if (!row) {
      const path = `body.values.${field.name}`;
      const message = `${path}: expected the id of a file you uploaded, found ${JSON.stringify(id)}`;
      throw new ApiError('validation_failed', `Invalid request: ${message}`, [
        { path, expected: 'the id of a file you uploaded', received: JSON.stringify(id), message },
      ]);
    }
    out.push({
      id,
      name: row.name as string,
      type: row.type as string,
      size: row.size as number,
      url: `/v1/uploads/${id}`,
    });
  }
  return out;
}

/** Tickets with the files of their form (the attachments of the first message of their conversation). */
export const TICKET_SELECT = `select t.*, m.attachments as files from tickets t
  left join messages m on m.conversation_id = t.conversation_id and m.seq = 1`;

function formatValue(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Tickets of a site, newest first, optionally by status. */
export async function listTickets(ctx: AppContext, siteId: string, status?: string): Promise<Ticket[]> {
  const rows = await ctx.db.query<Row>(
    `${TICKET_SELECT} where t.site_id = $1 ${status ? 'and t.status = $2' : ''} order by t.created_at desc limit 500`,
    status ? [siteId, status] : [siteId],
  );
  return rows.map((r) => ({ ...toTicket(r), teamId: (r.team_id as string | null) ?? null }));
}

/** Change a ticket's status and/or outcome. */
export async function updateTicket(
  ctx: AppContext,
  siteId: string,
  id: string,
  change: { status?: string; outcome?: string | null },
): Promise<Ticket> {
  return withEvents(ctx.db, ctx.hub, async (tx, events) => {
    const rows = await tx.query<Row>(
      `update tickets set status = coalesce($3, status), outcome = case when $4 then $5 else outcome end, updated_at = now()
       where id = $1 and site_id = $2 returning *`,
      [id, siteId, change.status ?? null, change.outcome !== undefined, change.outcome ?? null],
    );
    if (!rows[0]) throw notFound('The ticket');
    const row = (await tx.query<Row>(`${TICKET_SELECT} where t.id = $1`, [id]))[0]!;
    const ticket = { ...toTicket(row), teamId: (row.team_id as string | null) ?? null };
    // Every agent's tickets view follows the change live.
    await events.append(siteStream(siteId), { type: 'ticket.updated', ticket });
    return ticket;
  });
}
