import * as v from 'valibot';
import { ClientIdSchema, IdSchema, TimestampSchema } from './common';

/** Who wrote a message. */
export const AuthorKindSchema = v.picklist(['visitor', 'agent', 'bot', 'system']);

export const AuthorSchema = v.object({
  kind: AuthorKindSchema,
  id: v.nullable(v.string()),
  name: v.nullable(v.string()),
  avatarUrl: v.nullable(v.string()),
});

/** A stored upload linked to a message. */
export const AttachmentSchema = v.object({
  id: IdSchema,
  name: v.pipe(v.string('a file name'), v.minLength(1), v.maxLength(255)),
  type: v.pipe(v.string('a MIME type'), v.regex(/^[\w.+-]+\/[\w.+-]+$/, 'a MIME type like image/png')),
  size: v.pipe(v.number('a size in bytes'), v.integer(), v.minValue(0)),
  url: v.string('a URL'),
});

/**
 * The help-center article a bot message answers from. The message text is a passage of that article, verbatim;
 * the visitor is asked whether it answered their question.
 */
export const BotAnswerSchema = v.object({
  articleId: IdSchema,
  slug: v.string(),
  title: v.string(),
  locale: v.string(),
});

/** Most characters one message may hold. */
export const MAX_MESSAGE_LENGTH = 5000;

/** A chat message. `seq` is the conversation's order; `clientId` makes sends idempotent. */
export const MessageSchema = v.object({
  id: IdSchema,
  clientId: ClientIdSchema,
  conversationId: IdSchema,
  /** Position in the conversation, assigned by the server, strictly increasing from 1. */
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  author: AuthorSchema,
  text: v.pipe(v.string(), v.maxLength(MAX_MESSAGE_LENGTH)),
  attachments: v.array(AttachmentSchema),
  /** An internal note: visible to agents only, never sent to visitors. */
  internal: v.boolean(),
  /** Bot messages that answer from an article: which article (see docs/bot.md). */
  answer: v.optional(BotAnswerSchema),
  createdAt: TimestampSchema,
  deliveredAt: v.nullable(TimestampSchema),
  readAt: v.nullable(TimestampSchema),
});

/** Body of a send: text and/or attachment ids from earlier uploads. */
export const SendMessageSchema = v.pipe(
  v.object({
    clientId: ClientIdSchema,
    text: v.pipe(
      v.string('message text'),
      v.maxLength(MAX_MESSAGE_LENGTH, `at most ${MAX_MESSAGE_LENGTH} characters`),
    ),
    attachmentIds: v.optional(v.pipe(v.array(IdSchema), v.maxLength(10, 'at most 10 attachments'))),
    /**
     * The visitor's answer to the bot's "Did that answer your question?": `yes`, or `person` to talk to the
     * team. The text is stored as the visitor's message, so the team sees what was chosen.
     */
    reply: v.optional(v.picklist(['yes', 'person'], 'reply "yes" or "person"')),
  }),
  v.check(
    (m) => m.text.trim().length > 0 || (m.attachmentIds?.length ?? 0) > 0,
    'a message with text or at least one attachment',
  ),
);

export type AuthorKind = v.InferOutput<typeof AuthorKindSchema>;
export type Author = v.InferOutput<typeof AuthorSchema>;
export type BotAnswer = v.InferOutput<typeof BotAnswerSchema>;
export type Attachment = v.InferOutput<typeof AttachmentSchema>;
export type Message = v.InferOutput<typeof MessageSchema>;
export type SendMessage = v.InferOutput<typeof SendMessageSchema>;
