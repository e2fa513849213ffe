import * as v from 'valibot';
import { AttributesSchema, IdSchema } from './common';

// What site code tells about a visitor beyond the verified identity (#17): unverified contact details of an
// anonymous lead, the visitor's company, and values and tags on their current conversation.

/** A phone number as people write it: digits, spaces, `+`, `(`, `)`, `.` and `-`. */
export const PhoneSchema = v.pipe(
  v.string('a phone number'),
  v.regex(/^\+?[0-9 ().-]{5,20}$/, 'a phone number like +420 123 456 789'),
);

/** Contact details a visitor gave without a verified `userId`. Agents see them marked "unverified". */
export const LeadSchema = v.object({
  name: v.optional(
    v.pipe(v.string('a name'), v.trim(), v.minLength(1, 'a non-empty name'), v.maxLength(200)),
  ),
  email: v.optional(
    v.pipe(v.string('an email address'), v.email('an email address like ana@example.com'), v.maxLength(254)),
  ),
  phone: v.optional(PhoneSchema),
});

/** The company a visitor belongs to (`setCompany`); `id` is the site's own company id. */
export const CompanySchema = v.object({
  id: v.pipe(v.string('a company id'), v.minLength(1, 'a non-empty company id'), v.maxLength(128)),
  name: v.optional(v.pipe(v.string('a company name'), v.maxLength(200))),
  attributes: v.optional(AttributesSchema),
});

/** Most fields one conversation holds. */
export const MAX_CONVERSATION_FIELDS = 50;
/** Most tags one conversation holds. */
export const MAX_CONVERSATION_TAGS = 20;

/**
 * Values on a conversation that agents see and routing rules read: flat values by name; `null` removes a field.
 * At most {@link MAX_CONVERSATION_FIELDS} fields.
 */
export const ConversationFieldsSchema = v.pipe(
  v.record(
    v.pipe(
      v.string(),
      v.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a field name of 1–64 letters, digits, "_", "." or "-"'),
    ),
    v.nullable(
      v.union(
        [v.pipe(v.string(), v.maxLength(500, 'a text of at most 500 characters')), v.number(), v.boolean()],
        'a text, number, boolean or null',
      ),
    ),
  ),
  v.check(
    (value) => Object.keys(value).length <= MAX_CONVERSATION_FIELDS,
    `at most ${MAX_CONVERSATION_FIELDS} fields`,
  ),
);

/** A tag on a conversation: 1–40 letters, digits, spaces, `_`, `.`, `:` or `-`, stored lowercase and trimmed. */
export const TagSchema = v.pipe(
  v.string('a tag'),
  v.trim(),
  v.toLowerCase(),
  v.regex(
    /^[\p{L}\p{N}_.:-][\p{L}\p{N} _.:-]{0,39}$/u,
    'a tag of 1–40 letters, digits, spaces, "_", ".", ":" or "-"',
  ),
);

/** A list of tags to add or remove (1–20). */
export const TagListSchema = v.pipe(
  v.array(TagSchema, 'a list of tags'),
  v.minLength(1, 'at least one tag'),
  v.maxLength(MAX_CONVERSATION_TAGS, `at most ${MAX_CONVERSATION_TAGS} tags`),
);

/**
 * Change fields and tags of the visitor's current conversation: `conversationId` when given (one of their own),
 * else their latest conversation that is not resolved; with none, the values wait and go on the next conversation
 * they start. Fields merge (`null` removes one); tags in `addTags` are added, then those in `removeTags` removed.
 */
export const ConversationDataSchema = v.object({
  conversationId: v.optional(IdSchema),
  fields: v.optional(ConversationFieldsSchema),
  addTags: v.optional(TagListSchema),
  removeTags: v.optional(TagListSchema),
});

/** Body of `POST /v1/agent/conversations/:id/tags`: an agent adds and/or removes tags. */
export const AgentTagsSchema = v.object({
  add: v.optional(TagListSchema),
  remove: v.optional(TagListSchema),
});

export type Lead = v.InferOutput<typeof LeadSchema>;
export type Company = v.InferOutput<typeof CompanySchema>;
export type ConversationFields = v.InferOutput<typeof ConversationFieldsSchema>;
export type ConversationData = v.InferOutput<typeof ConversationDataSchema>;
export type AgentTags = v.InferOutput<typeof AgentTagsSchema>;
