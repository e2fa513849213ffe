import { type Attachment, cleanFileName, FormSubmissionSchema } from '@frontdesk/protocol';
import { type Context, Hono } from 'hono';
import { newId } from '../auth/crypto';
import { ApiError, notFound, unauthorized } from '../http/errors';
import { agentFromToken, bearer, headerBearer } from '../http/middleware';
import type { AppEnv } from '../http/types';
import { readBody } from '../http/validate';
import type { AppContext } from '../services/context';
import { isMember } from '../services/members';
import { submitForm } from '../services/tickets';
import { UPLOAD_TYPES } from '../services/uploads';
import { readVisitorToken } from '../services/visitors';
import { visitorRef } from './visitor';

/** Forms (→ tickets) and uploads for visitors. Expects site and visitor middleware in front. */
export function formRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/forms/:formId/submissions', async (c) => {
    const body = await readBody(c, FormSubmissionSchema);
    const visitor = await visitorRef(ctx, c.get('visitorId'));
    const result = await submitForm(ctx, c.get('site'), visitor, c.req.param('formId'), body);
    return c.json(result.ticket, result.created ? 201 : 200);
  });

  app.post('/uploads', async (c) => {
    const form = await readUpload(c);
    const attachment = await storeUpload(ctx, c.get('site').id, form, { visitorId: c.get('visitorId') });
    return c.json(attachment, 201);
  });

  return app;
}

/** The multipart form of an upload request; 415 when it is not one. */
export async function readUpload(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody();
  } catch {
    throw new ApiError(
      'unsupported_media_type',
      'Send the upload as multipart/form-data with a "file" field.',
    );
  }
}

/** Who an upload belongs to: a visitor, or an agent working in one conversation. */
export type UploadOwner = { visitorId: string } | { agentId: string; conversationId: string };

/**
 * Check and store the `file` of an upload form (type and size limits). A visitor's upload is theirs to attach; an
 * agent's belongs to the agents of that conversation (never stored under the visitor's id), and its visitor can
 * fetch it only once a non-internal message there carries it. Answers the `Attachment`.
 */
export async function storeUpload(
  ctx: AppContext,
  siteId: string,
  form: Record<string, unknown>,
  owner: UploadOwner,
): Promise<Attachment> {
  const file = form.file;
  if (!(file instanceof File)) {
    const issue = {
      path: 'body.file',
      expected: 'a file',
      received: 'nothing',
      message: 'body.file: expected a file, found nothing',
    };
    throw new ApiError('validation_failed', 'Invalid request: body.file: expected a file', [issue]);
  }
  if (file.size > ctx.settings.uploadMaxBytes)
    throw new ApiError('payload_too_large', `Files may be at most ${ctx.settings.uploadMaxBytes} bytes.`);
  const type = (file.type || 'application/octet-stream').split(';')[0]!.trim();
  if (!(UPLOAD_TYPES as readonly string[]).includes(type))
    throw new ApiError(
      'unsupported_media_type',
      `Files of type ${type} are not accepted (allowed: ${UPLOAD_TYPES.join(', ')}).`,
    );
  const rawName = typeof form.name === 'string' && form.name ? form.name : file.name || 'file';
  // Shown to people and used in Content-Disposition: no bidi overrides or other invisible characters.
  const name = cleanFileName(rawName);
  const id = newId('up');
  // Streamed to the store, which enforces the cap again (the declared size is the client's word).
  await ctx.uploads.put(id, file.stream(), ctx.settings.uploadMaxBytes);
  await ctx.db.query(
    `insert into uploads (id, site_id, visitor_id, agent_id, conversation_id, name, type, size)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      id,
      siteId,
      'visitorId' in owner ? owner.visitorId : null,
      'agentId' in owner ? owner.agentId : null,
      'conversationId' in owner ? owner.conversationId : null,
      name,
      type,
      file.size,
    ],
  );
  return { id, name, type, size: file.size, url: `/v1/uploads/${id}` };
}

/**
 * `GET /v1/uploads/:id`: agents who are members of the upload's site (token in the `Authorization` header only: an agent token in `?token=` is
 * refused, so it never lands in logs, history or `Referer`); the visitor who uploaded it; and the visitor of a
 * conversation where it was shared in a message they can see — never a file attached only to an internal note
 * (visitors may pass their token as `?token=`: the widget's links need it, and it opens only their own files).
 */
export function uploadDownloadRoute(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/uploads/:id', async (c) => {
    const rows = await ctx.db.query<{
      site_id: string;
      visitor_id: string | null;
      agent_id: string | null;
      name: string;
      type: string;
    }>('select site_id, visitor_id, agent_id, name, type from uploads where id = $1', [c.req.param('id')]);
    const row = rows[0];
    const token = bearer(c);
    if (!row || !token) throw notFound('The upload');
    const visitorId = readVisitorToken(ctx.secret, row.site_id, token);
    const mine = visitorId !== null && row.agent_id === null && visitorId === row.visitor_id;
    const allowed =
      mine ||
      (visitorId !== null && (await sharedWithVisitor(ctx, c.req.param('id'), visitorId))) ||
      (await agentOfSite(ctx, token, row.site_id));
    // Agent tokens live long and open every file: never from a URL, where logs and history would keep them.
    if (allowed && !mine && visitorId === null && headerBearer(c) !== token)
      throw unauthorized('Send the agent token in the Authorization header: it is not accepted as ?token=.');
    if (!allowed) throw notFound('The upload');
    const stored = await ctx.uploads.get(c.req.param('id'));
    if (!stored) throw notFound('The upload');
    c.header('content-type', row.type);
    // Cleaned again: names stored before bidi controls were stripped at upload.
    const name = encodeURIComponent(cleanFileName(row.name));
    c.header('content-disposition', `attachment; filename*=UTF-8''${name}`);
    c.header('x-content-type-options', 'nosniff');
    c.header('cache-control', 'private, max-age=3600');
    c.header('content-length', String(stored.size));
    // HEAD (answered by this GET handler) sends no body: close the store's stream, or its file or socket stays open.
    if (c.req.method === 'HEAD') {
      await stored.stream.cancel();
      return c.body(null);
    }
    return c.body(stored.stream);
  });
  return app;
}

/** Does the agent token belong to a member of the upload's site? Other sites' agents get the same 404. */
async function agentOfSite(ctx: AppContext, token: string, siteId: string): Promise<boolean> {
  const agent = await agentFromToken(ctx, token);
  return agent !== null && (await isMember(ctx.db, siteId, agent.id));
}

/** Is the upload attached to a message the visitor can see (not an internal note) in one of their conversations? */
async function sharedWithVisitor(ctx: AppContext, uploadId: string, visitorId: string): Promise<boolean> {
  const rows = await ctx.db.query(
    `select 1 from messages m join conversations c on c.id = m.conversation_id
      where c.visitor_id = $1 and not m.internal and m.attachments @> $2::jsonb limit 1`,
    [visitorId, JSON.stringify([{ id: uploadId }])],
  );
  return rows.length > 0;
}
