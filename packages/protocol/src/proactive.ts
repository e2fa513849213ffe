import * as v from 'valibot';
import { LocaleSchema } from './common';
import { safeUrl } from './safeUrl';

// Proactive messages (docs/proactive.md): a trigger, a message and caps, evaluated by the widget in the browser.

/** Longest proactive message text: it is a small bubble, not an article. */
export const PROACTIVE_TEXT_MAX = 500;

const KeySchema = v.pipe(
  v.string('a key'),
  v.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a key of 1–64 letters, digits, "_", "." or "-"'),
);

/** Short localized text (a bubble or a button), at least one locale. */
const ShortTextSchema = (max: number) =>
  v.pipe(
    v.record(
      LocaleSchema,
      v.pipe(v.string('text'), v.trim(), v.minLength(1, 'non-empty text'), v.maxLength(max)),
    ),
    v.check((value) => Object.keys(value).length > 0, 'text in at least one locale'),
  );

/** One comparison against a visitor attribute or a tracked event's data. */
export const ProactiveConditionSchema = v.strictObject({
  /** The attribute (or event data) name, e.g. `plan` or `total`. */
  key: KeySchema,
  /**
   * How to compare: `equals` (default), `notEquals`, `contains` (text), `greaterThan`, `lessThan` (numbers),
   * `exists` or `missing` (no `value`).
   */
  op: v.optional(
    v.picklist(['equals', 'notEquals', 'contains', 'greaterThan', 'lessThan', 'exists', 'missing']),
    'equals',
  ),
  /** The value compared with; a number for `greaterThan` and `lessThan`. */
  value: v.optional(v.union([v.pipe(v.string(), v.maxLength(1000)), v.number(), v.boolean()])),
});

/**
 * When a proactive message shows. Every condition given must hold (they combine with AND); an empty trigger shows
 * on any page once the widget loaded.
 */
export const ProactiveTriggerSchema = v.strictObject({
  /**
   * Page URL pattern matched against the whole address, case-insensitively (`*` stands for any characters),
   * e.g. `https://shop.example.com/pricing*` or `*checkout*`. Absent: every page.
   */
  url: v.optional(v.pipe(v.string('a URL pattern'), v.minLength(1), v.maxLength(500))),
  /** Seconds the visitor has been on the page. */
  timeOnPage: v.optional(v.pipe(v.number('seconds'), v.integer(), v.minValue(0), v.maxValue(3600))),
  /** Percent of the page the visitor scrolled down (1–100). */
  scrollDepth: v.optional(v.pipe(v.number('a percentage'), v.integer(), v.minValue(1), v.maxValue(100))),
  /** Show when the mouse leaves the window towards the top (desktop only: never on touch screens). */
  exitIntent: v.optional(v.boolean()),
  /** Show when the page tracks this event (`Frontdesk('trackEvent', name, data)`), with conditions on its data. */
  event: v.optional(
    v.strictObject({
      /** The event name, as passed to `trackEvent`. */
      name: v.pipe(
        v.string('an event name'),
        v.regex(/^[\w.:-]{1,64}$/, 'an event name of 1–64 letters, digits, "_", ".", ":" or "-"'),
      ),
      /** Conditions on the event's data, all of which must hold. */
      where: v.optional(v.array(ProactiveConditionSchema), []),
    }),
  ),
  /** Conditions on the visitor's attributes (`update`, `identify`), all of which must hold. */
  attributes: v.optional(v.array(ProactiveConditionSchema), []),
  /** `true`: only visitors who came back in a later visit; `false`: only first visits. */
  returning: v.optional(v.boolean()),
  /** `open`: only during `businessHours`; `closed`: only outside them. */
  businessHours: v.optional(v.picklist(['open', 'closed'])),
});

/** How often a proactive message may show. It never shows while the panel is open or a conversation is active. */
export const ProactiveCapsSchema = v.strictObject({
  /** Show at most once to a visitor (on this device), ever. */
  oncePerVisitor: v.optional(v.boolean(), true),
  /** Show at most once per browser session (tab group until it is closed). */
  oncePerSession: v.optional(v.boolean(), true),
  /** Show at most this many times per day (on this device). */
  maxPerDay: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
});

/** A message the widget shows by itself in a small bubble above the launcher when its trigger holds. */
export const ProactiveMessageSchema = v.strictObject({
  /** Stable id, used by `showMessage`, analytics and the stored conversation, e.g. `pricing-help`. */
  id: v.pipe(v.string('an id'), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'an id of a-z, 0-9 and -')),
  /** Switch a message off without deleting it. */
  enabled: v.optional(v.boolean(), true),
  /** When it shows; see `ProactiveTriggerSchema`. */
  trigger: v.optional(ProactiveTriggerSchema, {}),
  /** Who it is from: `{ agent: "Dana" }` shows and stores it as that agent; absent `agent` means the bot. */
  from: v.optional(
    v.strictObject({
      /** The agent's display name; absent: the bot (`bot.name`). */
      agent: v.optional(
        v.pipe(v.string('a name'), v.trim(), v.minLength(1, 'a non-empty name'), v.maxLength(60)),
      ),
      /** Avatar shown in the bubble (the theme's avatar when absent). */
      avatarUrl: v.optional(
        v.pipe(
          v.string('a URL'),
          v.maxLength(2048),
          v.check((url) => safeUrl(url) !== undefined, 'an absolute http, https, mailto or tel URL'),
        ),
      ),
    }),
    {},
  ),
  /** The message, per locale. */
  text: ShortTextSchema(PROACTIVE_TEXT_MAX),
  /** Up to four buttons the visitor can answer with, each per locale; a click sends its label. */
  quickReplies: v.optional(
    v.pipe(v.array(ShortTextSchema(40)), v.maxLength(4, 'at most 4 quick replies')),
    [],
  ),
  /** How often it may show; see `ProactiveCapsSchema`. */
  caps: v.optional(ProactiveCapsSchema, {}),
});

/**
 * What a conversation was started from (`CreateConversation.proactive`): a configured message by `id`, or the
 * `text` a page showed with `showMessage` (stored as the bot's, since any page script can call it).
 */
export const ProactiveRefSchema = v.pipe(
  v.object({
    id: v.optional(v.pipe(v.string('an id'), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a proactive message id'))),
    text: v.optional(
      v.pipe(v.string('text'), v.trim(), v.minLength(1, 'non-empty text'), v.maxLength(PROACTIVE_TEXT_MAX)),
    ),
  }),
  v.check((ref) => (ref.id === undefined) !== (ref.text === undefined), 'either an id or a text'),
);

/** Names of the tracked events the widget records for proactive messages (data: `{ id }`). */
export const PROACTIVE_EVENTS = ['proactive.shown', 'proactive.clicked', 'proactive.dismissed'] as const;

/** Data of a `proactive.*` tracked event: the configured message's id, or `page` for `showMessage` text. */
export const ProactiveEventDataSchema = v.strictObject({
  id: v.pipe(v.string('an id'), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a proactive message id')),
});

export type ProactiveCondition = v.InferOutput<typeof ProactiveConditionSchema>;
export type ProactiveTrigger = v.InferOutput<typeof ProactiveTriggerSchema>;
export type ProactiveCaps = v.InferOutput<typeof ProactiveCapsSchema>;
export type ProactiveMessage = v.InferOutput<typeof ProactiveMessageSchema>;
export type ProactiveMessageInput = v.InferInput<typeof ProactiveMessageSchema>;
export type ProactiveRef = v.InferOutput<typeof ProactiveRefSchema>;
