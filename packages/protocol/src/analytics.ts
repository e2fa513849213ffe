import * as v from 'valibot';
import { IdSchema, TimestampSchema } from './common';

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Figure = v.nullable(v.number());

/** Quality figures of a site over a period: what `GET /v1/admin/stats` answers (definitions: docs/analytics.md). */
const PROACTIVE = { shown: Count, clicked: Count, dismissed: Count, replied: Count };

export const StatsSchema = v.object({
  from: TimestampSchema,
  to: TimestampSchema,
  /** The IANA time zone hours are counted in (see `timeZone` in the site config). */
  timeZone: v.string(),
  conversations: Count,
  /** Conversations by channel. */
  byChannel: v.record(v.string(), Count),
  /** Conversations started per hour of day in `timeZone`, index 0–23. */
  byHour: v.array(Count),
  /** Seconds from a conversation's start to the first agent reply: average and median. */
  firstResponseSeconds: v.object({ average: Figure, median: Figure }),
  /** Seconds from start to resolution of resolved conversations: average and median. */
  resolutionSeconds: v.object({ average: Figure, median: Figure }),
  resolved: Count,
  /** Average CSAT (1–5) and the share of 4s and 5s. */
  csat: v.object({ responses: Count, average: Figure, satisfied: Figure }),
  /**
   * Answers to "Is your problem solved?" (in the widget or by the follow-up email's links) given in the period:
   * how many, how many said yes, and the solved rate (yes / answers).
   */
  solved: v.object({ responses: Count, yes: Count, rate: Figure }),
  /** NPS: % promoters (9–10) minus % detractors (0–6). */
  nps: v.object({ responses: Count, score: Figure }),
  /** Visitors who searched or read the help center and started no conversation afterwards in the period. */
  deflection: v.object({
    helpVisitors: Count,
    deflected: Count,
    rate: Figure,
    /** Of the deflected, visitors who also answered "Yes" to an article's "Did this help?" */
    confirmed: Count,
  }),
  /** The answer bot: conversations it took, answers, "Yes" confirmations, hand-offs and deflected conversations. */
  bot: v.object({
    conversations: Count,
    answers: Count,
    confirmed: Count,
    handoffs: Count,
    deflected: Count,
    rate: Figure,
  }),
  /** Visitors with conversations in the period who also had one before it. */
  returningVisitors: Count,
  tickets: Count,
  /**
   * Proactive messages (docs/proactive.md): times shown, bubbles clicked (a quick reply or the reply box), bubbles
   * dismissed, and replies that started a conversation; in all and per message id.
   */
  proactive: v.object({
    ...PROACTIVE,
    byMessage: v.record(v.string(), v.object(PROACTIVE)),
  }),
});
export type Stats = v.InferOutput<typeof StatsSchema>;

/** What analytics rows are grouped by. */
export const AnalyticsGroupSchema = v.picklist(
  ['period', 'agent', 'team', 'channel'],
  'period, agent, team or channel',
);
export type AnalyticsGroup = v.InferOutput<typeof AnalyticsGroupSchema>;
/** Length of one period of a trend, in the site's time zone (weeks start on Monday). */
export const IntervalSchema = v.picklist(['day', 'week', 'month'], 'day, week or month');
export type Interval = v.InferOutput<typeof IntervalSchema>;
/** A downloadable table's format. */
export const ExportFormatSchema = v.picklist(['json', 'csv'], 'json or csv');

const FlagSchema = v.pipe(
  v.optional(v.picklist(['true', 'false', '1', '0'], 'true or false'), 'false'),
  v.transform((s) => s === 'true' || s === '1'),
);

/** Query of `GET /v1/agent/quality/analytics` (all strings, as in a URL). */
export const AnalyticsQuerySchema = v.object({
  from: v.optional(TimestampSchema),
  to: v.optional(TimestampSchema),
  groupBy: v.optional(AnalyticsGroupSchema, 'period'),
  interval: v.optional(IntervalSchema, 'day'),
  /** Count response and resolution times only inside the site's business hours. */
  businessHours: FlagSchema,
  format: v.optional(ExportFormatSchema),
});
export type AnalyticsQuery = v.InferOutput<typeof AnalyticsQuerySchema>;

const Percentiles = v.object({ median: Figure, p90: Figure });

/** One row of analytics: the figures of one agent, team, channel or period (definitions: docs/analytics.md). */
export const AnalyticsRowSchema = v.object({
  /** Agent id, team id, channel, or the period's first day (`YYYY-MM-DD` in the site's time zone). */
  key: v.string(),
  label: v.string(),
  conversations: Count,
  firstResponseSeconds: Percentiles,
  resolutionSeconds: Percentiles,
  csat: v.object({ responses: Count, average: Figure, satisfied: Figure }),
  nps: v.object({ responses: Count, score: Figure }),
  /** Answers to "Is your problem solved?" and the share of "Yes". */
  solved: v.object({ responses: Count, rate: Figure }),
  /** Conversations resolved at least once, and the share of them a visitor reopened. */
  reopen: v.object({ resolved: Count, reopened: Count, rate: Figure }),
  /** Conversations open at the end of the period (or of the range, for agents, teams and channels). */
  backlog: Count,
  /** Help-center deflection (rows by period only; null elsewhere: it belongs to no agent or channel). */
  deflection: v.nullable(v.object({ helpVisitors: Count, deflected: Count, rate: Figure })),
});
export type AnalyticsRow = v.InferOutput<typeof AnalyticsRowSchema>;

/** What `GET /v1/agent/quality/analytics` answers. */
export const AnalyticsSchema = v.object({
  from: TimestampSchema,
  to: TimestampSchema,
  timeZone: v.string(),
  groupBy: AnalyticsGroupSchema,
  interval: IntervalSchema,
  businessHours: v.boolean(),
  /** Conversations started per hour of day in `timeZone`, index 0–23. */
  byHour: v.array(Count),
  rows: v.array(AnalyticsRowSchema),
});
export type Analytics = v.InferOutput<typeof AnalyticsSchema>;

/** Figures an action plan can target. */
export const METRICS = [
  'firstResponseMedian',
  'firstResponseP90',
  'resolutionMedian',
  'resolutionP90',
  'csat',
  'nps',
  'solvedRate',
  'reopenRate',
  'backlog',
] as const;
export const MetricSchema = v.picklist(METRICS, `one of ${METRICS.join(', ')}`);
export type Metric = v.InferOutput<typeof MetricSchema>;

/** Who a figure is about: the whole site, or one agent (id), team (id) or channel. */
export const ScopeSchema = v.object({
  kind: v.picklist(['site', 'agent', 'team', 'channel'], 'site, agent, team or channel'),
  id: v.optional(v.pipe(v.string('an id'), v.minLength(1), v.maxLength(100))),
});
export type Scope = v.InferOutput<typeof ScopeSchema>;

export const ActionStatusSchema = v.picklist(
  ['open', 'in_progress', 'done', 'dropped'],
  'open, in_progress, done or dropped',
);
export type ActionStatus = v.InferOutput<typeof ActionStatusSchema>;

const PlainIds = v.optional(
  v.pipe(v.array(IdSchema, 'a list of ids'), v.maxLength(100, 'at most 100 ids')),
  [],
);

/** Body of creating an action plan item. */
export const CreateActionPlanSchema = v.pipe(
  v.object({
    title: v.pipe(v.string('a title'), v.trim(), v.minLength(1, 'a non-empty title'), v.maxLength(200)),
    /** The agent responsible, by sign-in email. */
    owner: v.pipe(v.string('an owner email'), v.trim(), v.toLowerCase(), v.email('an owner email')),
    dueDate: v.pipe(v.string('a due date'), v.isoDate('a date like "2026-12-31"')),
    conversationIds: PlainIds,
    reviewIds: PlainIds,
    metric: MetricSchema,
    scope: v.optional(ScopeSchema, { kind: 'site' }),
    notes: v.optional(v.pipe(v.string(), v.maxLength(2000, 'notes of at most 2000 characters'))),
  }),
  v.forward(
    v.check(
      (p) => p.scope.kind === 'site' || p.scope.id !== undefined,
      'an id for an agent, team or channel scope',
    ),
    ['scope', 'id'],
  ),
);
export type CreateActionPlan = v.InferInput<typeof CreateActionPlanSchema>;

/** Body of updating an action plan item: any of status, owner, due date, title, notes. */
export const UpdateActionPlanSchema = v.object({
  status: v.optional(ActionStatusSchema),
  title: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'a non-empty title'), v.maxLength(200))),
  owner: v.optional(v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email('an owner email'))),
  dueDate: v.optional(v.pipe(v.string(), v.isoDate('a date like "2026-12-31"'))),
  notes: v.optional(v.pipe(v.string(), v.maxLength(2000))),
});

/** A figure over a window: its value and the window it was measured in. */
export const MeasureSchema = v.object({ value: Figure, from: TimestampSchema, to: TimestampSchema });

/** An improvement item with the figure it targets before (stored at creation) and after (now). */
export const ActionPlanSchema = v.object({
  id: IdSchema,
  title: v.string(),
  owner: v.string(),
  dueDate: v.string(),
  status: ActionStatusSchema,
  conversationIds: v.array(v.string()),
  reviewIds: v.array(v.string()),
  metric: MetricSchema,
  scope: ScopeSchema,
  notes: v.nullable(v.string()),
  createdBy: v.string(),
  createdAt: TimestampSchema,
  before: MeasureSchema,
  after: v.nullable(MeasureSchema),
});
export type ActionPlan = v.InferOutput<typeof ActionPlanSchema>;

/** Query of `GET /v1/agent/quality/action-plans`. */
export const ActionPlanQuerySchema = v.object({
  /** Only items about this team: scoped to it, or to one of its agents. */
  team: v.optional(v.pipe(v.string(), v.maxLength(40))),
  status: v.optional(ActionStatusSchema),
  format: v.optional(ExportFormatSchema),
});

/** Query of `GET /v1/agent/quality/voice`: rating comments and "not solved" answers. */
export const VoiceQuerySchema = v.object({
  /** Words to find in the comment (case-insensitive). */
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200, 'a search of at most 200 characters'))),
  /** CSAT given (1–5), or `low` for 1–2. */
  rating: v.optional(v.picklist(['1', '2', '3', '4', '5', 'low'], 'a CSAT 1–5 or low')),
  /** `no`: only "not solved" answers; `yes`: only solved. */
  solved: v.optional(v.picklist(['yes', 'no'], 'yes or no')),
  from: v.optional(TimestampSchema),
  to: v.optional(TimestampSchema),
  agent: v.optional(v.pipe(v.string(), v.maxLength(100))),
  channel: v.optional(v.pipe(v.string(), v.maxLength(40))),
  page: v.optional(
    v.pipe(v.string(), v.regex(/^[1-9]\d{0,5}$/, 'a page number from 1'), v.transform(Number)),
    '1',
  ),
  pageSize: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/, 'a page size from 1 to 200'),
      v.transform(Number),
      v.minValue(1, 'a page size from 1 to 200'),
      v.maxValue(200, 'a page size from 1 to 200'),
    ),
    '25',
  ),
  format: v.optional(ExportFormatSchema),
});
export type VoiceQuery = v.InferOutput<typeof VoiceQuerySchema>;

/** One customer voice: a rating's comment and/or a "not solved" answer. */
export const VoiceItemSchema = v.object({
  conversationId: v.string(),
  createdAt: TimestampSchema,
  csat: Figure,
  nps: Figure,
  solved: v.nullable(v.boolean()),
  comment: v.nullable(v.string()),
  channel: v.string(),
  agentId: v.nullable(v.string()),
  agentName: v.nullable(v.string()),
  visitorName: v.nullable(v.string()),
});
export type VoiceItem = v.InferOutput<typeof VoiceItemSchema>;

/** What `GET /v1/agent/quality/voice` answers: one page and the total that matched. */
export const VoicePageSchema = v.object({
  items: v.array(VoiceItemSchema),
  total: Count,
  page: Count,
  pageSize: Count,
});
export type VoicePage = v.InferOutput<typeof VoicePageSchema>;
