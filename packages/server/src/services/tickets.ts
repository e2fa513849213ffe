import { type FormSubmission, localize, type Ticket, validateSubmission } from '@frontdesk/protocol';
import { newId } from '../auth/crypto';
import { type Row, toConversation, toTicket } from '../db/rows';
import { ApiError, notFound } from '../http/errors';
import type { AppContext } from './context';
import { retryOnConflict } from './context';
import { nextCounter, siteStream, visitorStream, withEvents } from './events';
import { insertMessage, lockConversation } from './messages';
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
      if (found[0]) return { ticket: toTicket(found[0]), created: false };
      const number = await nextCounter(tx, `tickets:${site.id}`, 1001);
      const conversationId = newId('cv');
      const subject = `${localize(form.title, locale)} (FD-${number})`;
      await tx.query(
        `insert into conversations (id, site_id, visitor_id, client_id, channel, subject, page) values ($1, $2, $3, $4, 'form', $5, $6)`,
        [
          conversationId,
          site.id,
          visitor.id,
          `form-${input.clientId}`.slice(0, 64),
          subject,
          input.page ? JSON.stringify(input.page) : null,
        ],
      );
      const conv = (await lockConversation(tx, conversationId))!;
      const created = { type: 'conversation.created' as const, conversation: toConversation(conv) };
      await events.append(visitorStream(visitor.id), created);
      await events.append(siteStream(site.id), created);
      const text = form.fields
        .filter((f) => input.values[f.name] !== undefined)
        .map((f) => `${localize(f.label, locale)}: ${formatValue(input.values[f.name])}`)
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
        },
      );
      const rows = await tx.query<Row>(
        `insert into tickets (id, site_id, reference, form_id, visitor_id, conversation_id, client_id, values)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning *`,
        [
          newId('tk'),
          site.id,
          `FD-${number}`,
          formId,
          visitor.id,
          conversationId,
          input.clientId,
          JSON.stringify(input.values),
        ],
      );
      const ticket = toTicket(rows[0]!);
      await events.append(siteStream(site.id), { type: 'ticket.created', ticket });
      return { ticket, created: true };
    }),
  );
  if (result.created) ctx.webhooks.emit(site, 'ticket.created', { ticket: result.ticket });
  return result;
}

function formatValue(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Tickets of a site, newest first, optionally by status. */
export async function listTickets(ctx: AppContext, siteId: string, status?: string): Promise<Ticket[]> {
  const rows = await ctx.db.query<Row>(
    `select * from tickets where site_id = $1 ${status ? 'and status = $2' : ''} order by created_at desc limit 500`,
    status ? [siteId, status] : [siteId],
  );
  return rows.map(toTicket);
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
    const ticket = toTicket(rows[0]);
    // Every agent's tickets view follows the change live.
    await events.append(siteStream(siteId), { type: 'ticket.updated', ticket });
    return ticket;
  });
}
