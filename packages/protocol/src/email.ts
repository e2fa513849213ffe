import * as v from 'valibot';

/** Body of `POST /v1/agent/email-digest`: opt in to (or out of) the email digest of unanswered conversations. */
export const EmailDigestSchema = v.object({
  enabled: v.boolean('true or false'),
});

/** What an email of the outbox is for. */
export const EmailKindSchema = v.picklist(['reply', 'followup', 'transcript', 'digest', 'weekly_summary']);

/** One email of the delivery log (`GET /v1/admin/email/deliveries`); the message body is not included. */
export const EmailDeliverySchema = v.object({
  id: v.string(),
  kind: EmailKindSchema,
  /** The recipient's address. */
  to: v.string(),
  subject: v.string(),
  conversationId: v.nullable(v.string()),
  status: v.picklist(['pending', 'sent', 'failed']),
  attempts: v.number(),
  /** Why the last attempt failed (a short reason, e.g. "connection refused"), or null. */
  error: v.nullable(v.string()),
  /** When the next attempt is due (pending emails). */
  nextAt: v.string(),
  createdAt: v.string(),
  sentAt: v.nullable(v.string()),
});

export type EmailKind = v.InferOutput<typeof EmailKindSchema>;
export type EmailDelivery = v.InferOutput<typeof EmailDeliverySchema>;

/** Path parameters of a follow-up answer link (`/v1/email/followup/:conversation/:answer/:signature`). */
export const FollowUpLinkSchema = v.object({
  conversation: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'a conversation id')),
  answer: v.picklist(['yes', 'no'], 'yes or no'),
  signature: v.pipe(v.string(), v.regex(/^[0-9a-f]{1,64}$/, 'a hex signature')),
});

/** Form body of the follow-up page's star rating. */
export const FollowUpRatingSchema = v.object({
  csat: v.pipe(
    v.string('a rating from 1 to 5'),
    v.regex(/^[1-5]$/, 'a rating from 1 to 5'),
    v.transform(Number),
  ),
});
