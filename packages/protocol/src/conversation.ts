import * as v from 'valibot';
import { ClientIdSchema, IdSchema, PageSchema, TimestampSchema } from './common';
import { SendMessageSchema } from './message';
import { ProactiveRefSchema } from './proactive';

export const ConversationStatusSchema = v.picklist(['open', 'pending', 'resolved']);
/**
 * Who holds a conversation the answer bot took: the bot while it answers (`answering`), nobody after the visitor
 * confirmed an answer (`confirmed`), or the team after a hand-off (`handedOff`).
 */
export const BotStateSchema = v.picklist(['answering', 'confirmed', 'handedOff']);
export const ChannelSchema = v.picklist(['chat', 'email', 'form', 'phone']);

/** A conversation between a visitor and the support team. */
export const ConversationSchema = v.object({
  id: IdSchema,
  clientId: ClientIdSchema,
  visitorId: IdSchema,
  status: ConversationStatusSchema,
  channel: ChannelSchema,
  subject: v.nullable(v.string()),
  /** Agent id, or null when unassigned. */
  assigneeId: v.nullable(IdSchema),
  /** The team routing sent it to (`teams[].id`), or null; only in the agent API and the agents' stream. */
  teamId: v.optional(v.nullable(v.string())),
  /** Set when the answer bot took the conversation (absent otherwise). */
  bot: v.optional(BotStateSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  firstResponseAt: v.nullable(TimestampSchema),
  resolvedAt: v.nullable(TimestampSchema),
  lastMessageAt: v.nullable(TimestampSchema),
  /** Highest message seq in the conversation (0 when empty). */
  lastSeq: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Highest message seq the visitor has read. */
  visitorReadSeq: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Highest message seq an agent has read. */
  agentReadSeq: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Values set by the site (`setConversationFields`), for agents and routing rules. */
  fields: v.optional(v.record(v.string(), v.nullable(v.union([v.string(), v.number(), v.boolean()])))),
  /** Tags set by the site (`addTags`) or by agents, lowercase, in the order they were added. */
  tags: v.optional(v.array(v.string())),
});

/** Body of starting a conversation; an optional first message is stored with it. */
export const CreateConversationSchema = v.object({
  clientId: ClientIdSchema,
  channel: v.optional(ChannelSchema),
  subject: v.optional(v.pipe(v.string(), v.maxLength(200))),
  page: v.optional(PageSchema),
  message: v.optional(SendMessageSchema),
  /** Started by answering a proactive message: it is stored as the conversation's first message. */
  proactive: v.optional(ProactiveRefSchema),
});

export type ConversationStatus = v.InferOutput<typeof ConversationStatusSchema>;
export type BotState = v.InferOutput<typeof BotStateSchema>;
export type Channel = v.InferOutput<typeof ChannelSchema>;
export type Conversation = v.InferOutput<typeof ConversationSchema>;
export type CreateConversation = v.InferOutput<typeof CreateConversationSchema>;
