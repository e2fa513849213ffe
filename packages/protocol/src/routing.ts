import * as v from 'valibot';
import { LocaleSchema } from './common';
import { TagSchema } from './visitorData';

/** A team's id, as `teams[].id` and routing rules write it. */
export const TeamIdSchema = v.pipe(
  v.string('a team id'),
  v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a team id of a-z, 0-9 and -'),
);
const CapacitySchema = v.pipe(
  v.number('a number'),
  v.integer('a whole number'),
  v.minValue(0),
  v.maxValue(100),
);
const ConditionValueSchema = v.union([v.string(), v.number(), v.boolean()], 'a string, number or boolean');
const AnswerSchema = v.strictObject({
  /** The form field (or pre-chat field, or visitor attribute) name. */
  name: v.pipe(v.string('a name'), v.minLength(1), v.maxLength(100)),
  /** Matches when the value equals one of these (a multiselect answer matches when it holds one of them). */
  equals: v.pipe(v.array(ConditionValueSchema), v.minLength(1, 'at least one value')),
});

/**
 * One routing rule: every condition it names must hold (a rule with none matches everything). Conditions are read
 * from what is known when a conversation or ticket is created.
 */
export const RoutingRuleSchema = v.strictObject({
  /** The team (an id from `teams`) the conversation or ticket goes to. */
  team: TeamIdSchema,
  /** Form ids: matches a ticket from one of these forms (a chat has no form). */
  formId: v.optional(v.pipe(v.array(v.string('a form id')), v.minLength(1, 'at least one form id'))),
  /** A form field's value: a ticket's answer, or a chat's pre-chat answer (stored as the visitor's attribute). */
  field: v.optional(AnswerSchema),
  /** Page URL patterns, `*` for any text, e.g. `https://shop.example.com/billing/*`. Matches the page it started on. */
  page: v.optional(
    v.pipe(
      v.array(v.pipe(v.string('a URL pattern'), v.minLength(1), v.maxLength(500))),
      v.minLength(1, 'at least one URL pattern'),
    ),
  ),
  /** Visitor languages: `cs` matches `cs` and `cs-CZ`. */
  language: v.optional(v.pipe(v.array(LocaleSchema), v.minLength(1, 'at least one language'))),
  /** A visitor attribute (set by the site with `identify`/`setAttributes`). */
  attribute: v.optional(AnswerSchema),
  /** Channels: `chat`, `email`, `form`, `phone`. */
  channel: v.optional(v.array(v.picklist(['chat', 'email', 'form', 'phone']))),
  /** A conversation field (set with `setConversationFields` before the chat starts), e.g. `{ name: 'plan', equals: ['pro'] }`. */
  conversationField: v.optional(AnswerSchema),
  /** Conversation tags (set before the chat starts): matches when it has one of them. */
  tags: v.optional(v.pipe(v.array(TagSchema), v.minLength(1, 'at least one tag'))),
});

/** Routing by topic and automatic assignment within a team (server-only; see docs/routing.md). */
export const RoutingSchema = v.strictObject({
  /** Rules in order: the first that matches names the team. */
  rules: v.optional(v.pipe(v.array(RoutingRuleSchema), v.maxLength(200)), []),
  /** Team of new conversations no rule matches; without it they have no team (and wait for someone to take them). */
  defaultTeam: v.optional(TeamIdSchema),
  /**
   * How a team's conversations find an agent: `round-robin` (the online member assigned longest ago),
   * `least-busy` (the online member with the fewest open conversations), or `manual` (nobody is assigned).
   */
  assignment: v.optional(v.picklist(['round-robin', 'least-busy', 'manual']), 'round-robin'),
  /** Open conversations an agent holds at most before automatic assignment passes them by (0: none). */
  capacity: v.optional(CapacitySchema, 3),
  /** Capacity per agent, by sign-in email, overriding `capacity`. */
  agentCapacity: v.optional(
    v.record(
      v.pipe(v.string('an agent email'), v.trim(), v.toLowerCase(), v.email('an agent email')),
      CapacitySchema,
    ),
    {},
  ),
});

export type Routing = v.InferOutput<typeof RoutingSchema>;
export type RoutingRule = v.InferOutput<typeof RoutingRuleSchema>;
