import * as v from 'valibot';
import { AvailabilitySchema } from './availability';
import { AttributesSchema, IdSchema, int32Schema, LocaleSchema, PageSchema } from './common';
import { ConversationStatusSchema } from './conversation';
import { IssueSchema } from './errors';
import { TeamIdSchema } from './routing';
import { EmailSchema, IdentitySchema, VisitorSchema } from './visitor';
import { CompanySchema, ConversationDataSchema, LeadSchema, PhoneSchema } from './visitorData';

/**
 * Start or resume a visitor session. Send the stored `visitorToken` to resume; include `identity` to sign in a
 * known user (their history follows them across devices). Header `X-Frontdesk-Site: <siteKey>` names the site.
 */
export const SessionRequestSchema = v.object({
  visitorToken: v.optional(v.string()),
  identity: v.optional(IdentitySchema),
  locale: v.optional(LocaleSchema),
  page: v.optional(PageSchema),
  attributes: v.optional(AttributesSchema),
});

/** Answer to a session request. `config` is the site's public config (see `PublicConfig`). */
export const SessionResponseSchema = v.object({
  visitorToken: v.string(),
  visitor: VisitorSchema,
  config: v.record(v.string(), v.unknown()),
  configVersion: v.number(),
  availability: AvailabilitySchema,
  /** Highest seq in the visitor's event stream right now. */
  cursor: v.number(),
});

/**
 * Update the visitor's attributes or current page (e.g. on SPA navigation), or what the visitor told about
 * themselves (e.g. in a pre-chat form): `name`, `email` and `phone` fill their profile, which agents see.
 */
export const VisitorUpdateSchema = v.object({
  attributes: v.optional(AttributesSchema),
  name: v.optional(
    v.pipe(v.string('a name'), v.trim(), v.minLength(1, 'a non-empty name'), v.maxLength(200)),
  ),
  email: v.optional(EmailSchema),
  phone: v.optional(PhoneSchema),
  page: v.optional(PageSchema),
  locale: v.optional(LocaleSchema),
  /**
   * Unverified contact details (`identify` without a `userId`): stored apart from the profile's `name` and
   * `email`, merged with earlier ones, and shown to agents as unverified. Never changes a verified user's data.
   */
  lead: v.optional(
    v.pipe(
      LeadSchema,
      v.check((lead) => Object.keys(lead).length > 0, 'at least one of name, email or phone'),
    ),
  ),
  /** The visitor's company (`setCompany`); `null` removes it. */
  company: v.optional(v.nullable(CompanySchema)),
  /** Attribute names to remove (`deleteAttribute`), after `attributes` are merged. */
  unset: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.string('an attribute name'),
          v.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'an attribute name of 1–64 letters, digits, "_", "." or "-"'),
        ),
      ),
      v.maxLength(100, 'at most 100 attribute names'),
    ),
  ),
  /** Fields and tags of the visitor's current conversation (see `ConversationDataSchema`). */
  conversation: v.optional(ConversationDataSchema),
});

/** Track a named event with data (proactive triggers, analytics). */
export const TrackEventSchema = v.object({
  name: v.pipe(
    v.string('an event name'),
    v.regex(/^[\w.:-]{1,64}$/, 'an event name of 1–64 letters, digits, "_", ".", ":" or "-"'),
  ),
  data: v.optional(AttributesSchema),
});

/** Mark messages read up to `readSeq`. */
export const MarkReadSchema = v.object({ readSeq: int32Schema(0) });

/** Typing indicator on or off. */
export const TypingSchema = v.object({ typing: v.boolean() });

/** Agent sign-in. */
export const LoginSchema = v.object({
  email: v.pipe(v.string('an email'), v.minLength(3), v.maxLength(254)),
  password: v.pipe(v.string('a password'), v.minLength(1), v.maxLength(200)),
});

export const AgentRoleSchema = v.picklist(['agent', 'admin']);
/**
 * What an agent may do on one site. `agent` answers conversations; `reviewer` scores conversations against the
 * site's rubrics; `manager` reads analytics, runs calibration, handles disputes and action plans (and may review);
 * `admin` may do everything, including the config, members and secrets.
 */
export const SiteRoleSchema = v.picklist(['admin', 'manager', 'reviewer', 'agent']);
export const AgentSchema = v.object({
  id: IdSchema,
  email: v.string(),
  name: v.string(),
  role: AgentRoleSchema,
  /** This agent's roles on the site the request was about (`GET /v1/agent/me`). */
  roles: v.optional(v.array(SiteRoleSchema)),
  status: v.picklist(['online', 'away', 'offline']),
});

/** Inbox filters (query string of `GET /v1/agent/conversations`). */
export const InboxQuerySchema = v.object({
  status: v.optional(ConversationStatusSchema),
  assignee: v.optional(v.union([v.literal('me'), v.literal('unassigned'), IdSchema])),
  /** A team id (`teams[].id`), or `none` for conversations without a team. */
  team: v.optional(v.union([v.literal('none'), TeamIdSchema], 'a team id or "none"')),
  limit: v.optional(
    v.pipe(v.string(), v.transform(Number), v.number(), v.integer(), v.minValue(1), v.maxValue(200)),
  ),
});

/** Body of `POST /v1/agent/conversations/:id/team`: move a conversation (and its ticket) to a team, or to none. */
export const SetTeamSchema = v.object({ teamId: v.nullable(TeamIdSchema) });

/** A team as `GET /v1/agent/teams` lists it: its members with their presence, load and capacity. */
export interface TeamSummary {
  id: string;
  name: string;
  /** Members with an agent account (emails without one are left out). */
  members: Array<{
    id: string;
    email: string;
    name: string;
    status: 'online' | 'away' | 'offline';
    open: number;
    capacity: number;
  }>;
  /** Open conversations of the team that wait for an agent. */
  waiting: number;
}

/** Agent reply or internal note. */
export const AgentMessageSchema = v.object({
  clientId: v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'a client id of 8–64 letters, digits, "_" or "-"'),
  ),
  text: v.pipe(v.string(), v.minLength(1, 'non-empty text'), v.maxLength(5000)),
  internal: v.optional(v.boolean(), false),
  attachmentIds: v.optional(v.array(IdSchema)),
});

export const CannedResponseSchema = v.object({
  id: IdSchema,
  shortcut: v.pipe(
    v.string(),
    v.regex(/^[a-z0-9-]{1,32}$/, 'a shortcut of lowercase letters, digits and "-"'),
  ),
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(5000)),
});

/** Body of `PATCH /v1/admin/agents/:id`. */
export const UpdateAgentSchema = v.object({ disabled: v.boolean() });

/** Body of `POST /v1/agent/password`. */
export const ChangePasswordSchema = v.object({
  currentPassword: v.pipe(v.string('a password'), v.minLength(1), v.maxLength(200)),
  newPassword: v.pipe(
    v.string('a password'),
    v.minLength(8, 'a password of at least 8 characters'),
    v.maxLength(200),
  ),
});

/** Body of `POST /v1/admin/secrets/rotate`. */
export const RotateSecretSchema = v.object({
  /**
   * `identity` verifies visitor identities (userHash, JWT); `webhook` signs webhook deliveries; `email`
   * authenticates the inbound email endpoint.
   */
  purpose: v.picklist(['identity', 'webhook', 'email']),
  /** Hours the old secret stays valid beside the new one (default 24; 0 ends it at once). */
  overlapHours: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(720)), 24),
});

/** One site secret as shown to admins. */
export const SiteSecretSchema = v.object({
  secret: v.string(),
  createdAt: v.string(),
  /** When it stops being accepted; null for the current one. */
  expiresAt: v.nullable(v.string()),
});

/** Answer of `GET /v1/admin/secrets` and of a rotation: per purpose, the current secret first. */
export const SiteSecretsSchema = v.object({
  identity: v.array(SiteSecretSchema),
  webhook: v.array(SiteSecretSchema),
  email: v.array(SiteSecretSchema),
});

/** Body of `POST /v1/admin/config`: publish `config` (a site config, see `SiteConfigSchema`) as a new version. */
export const PushConfigSchema = v.object({
  config: v.record(v.string(), v.unknown()),
  /** Why this version was published, shown in the version list. */
  note: v.optional(v.pipe(v.string(), v.maxLength(500))),
});

/** The published config: answer of `GET /v1/admin/config`, of a push and of a rollback. */
export const ConfigStateSchema = v.object({
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  config: v.record(v.string(), v.unknown()),
  /** A push's warnings: team emails that are no agent account yet (published all the same). */
  warnings: v.optional(v.array(IssueSchema)),
});

/** One published config version, as listed by `GET /v1/admin/config/versions` (`{ versions: [...] }`). */
export const ConfigVersionSchema = v.object({
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  createdAt: v.string(),
  /** Email of the admin who published it, or null. */
  author: v.nullable(v.string()),
  note: v.nullable(v.string()),
});

/** Body of `POST /v1/admin/config/rollback`: publish an earlier version's config again as a new version. */
export const RollbackConfigSchema = v.object({ version: int32Schema(1) });

/** Body of `POST /v1/admin/agents`. */
export const CreateAgentSchema = v.object({
  email: v.pipe(v.string('an email'), v.email('an email address like ana@example.com'), v.maxLength(254)),
  name: v.pipe(v.string('a name'), v.minLength(1, 'a non-empty name'), v.maxLength(200)),
  role: v.optional(AgentRoleSchema, 'agent'),
  password: v.pipe(
    v.string('a password'),
    v.minLength(8, 'a password of at least 8 characters'),
    v.maxLength(200),
  ),
});

/**
 * Query of the data-request routes (`GET /v1/admin/visitors`, `…/visitors/export`, `DELETE /v1/admin/visitors`):
 * whose data, by exactly one of the internal visitor id, the site's own user id, or an email address.
 */
export const VisitorMatchSchema = v.pipe(
  v.object({
    visitorId: v.optional(IdSchema),
    userId: v.optional(
      v.pipe(v.string('a user id'), v.minLength(1, 'a non-empty user id'), v.maxLength(200)),
    ),
    email: v.optional(
      v.pipe(v.string('an email'), v.email('an email address like ana@example.com'), v.maxLength(254)),
    ),
  }),
  v.check(
    (m) => [m.visitorId, m.userId, m.email].filter((x) => x !== undefined).length === 1,
    'exactly one of visitorId, userId or email',
  ),
);

export type VisitorMatch = v.InferOutput<typeof VisitorMatchSchema>;
export type SessionRequest = v.InferOutput<typeof SessionRequestSchema>;
export type SessionResponse = v.InferOutput<typeof SessionResponseSchema>;
export type VisitorUpdate = v.InferOutput<typeof VisitorUpdateSchema>;
export type TrackEvent = v.InferOutput<typeof TrackEventSchema>;
export type Agent = v.InferOutput<typeof AgentSchema>;
export type AgentRole = v.InferOutput<typeof AgentRoleSchema>;
export type SiteRole = v.InferOutput<typeof SiteRoleSchema>;
export type AgentMessage = v.InferOutput<typeof AgentMessageSchema>;
export type CannedResponse = v.InferOutput<typeof CannedResponseSchema>;
export type PushConfig = v.InferOutput<typeof PushConfigSchema>;
export type ConfigState = v.InferOutput<typeof ConfigStateSchema>;
export type ConfigVersion = v.InferOutput<typeof ConfigVersionSchema>;
export type RollbackConfig = v.InferOutput<typeof RollbackConfigSchema>;
export type CreateAgent = v.InferOutput<typeof CreateAgentSchema>;

/**
 * The HTTP routes of the reference protocol (all under `/v1`). Visitor routes take `X-Frontdesk-Site: <siteKey>`
 * and, after the session, `Authorization: Bearer <visitorToken>`; agent routes take the agent token.
 * Request and response bodies are JSON; errors are `ErrorBody`. `docs/protocol.md` documents each with examples.
 */
export const ROUTES = {
  // Visitor API
  session: 'POST /v1/session',
  config: 'GET /v1/config',
  updateVisitor: 'PATCH /v1/visitor',
  listConversations: 'GET /v1/conversations',
  createConversation: 'POST /v1/conversations',
  getConversation: 'GET /v1/conversations/:id',
  listMessages: 'GET /v1/conversations/:id/messages',
  sendMessage: 'POST /v1/conversations/:id/messages',
  markRead: 'POST /v1/conversations/:id/read',
  typing: 'POST /v1/conversations/:id/typing',
  rate: 'POST /v1/conversations/:id/rating',
  /** The visitor ends their conversation (resolved, as by an agent). */
  endConversation: 'POST /v1/conversations/:id/end',
  /** One of the visitor's tickets, by id or reference. */
  visitorTicket: 'GET /v1/tickets/:id',
  /** A one-time code (60 s) that opens this visitor's chat in the popout page. */
  popoutCode: 'POST /v1/popout',
  /** The popout page exchanges its code for a visitor token. */
  popoutExchange: 'POST /v1/popout/exchange',
  events: 'GET /v1/events',
  realtime: 'GET /v1/realtime',
  search: 'GET /v1/help/search',
  article: 'GET /v1/help/articles/:id',
  categories: 'GET /v1/help/categories',
  articleFeedback: 'POST /v1/help/articles/:id/feedback',
  submitForm: 'POST /v1/forms/:formId/submissions',
  upload: 'POST /v1/uploads',
  track: 'POST /v1/track',
  /** Download an upload: the uploader's visitor token or an agent token (header, or `?token=` for links). */
  uploadFile: 'GET /v1/uploads/:id',
  // Agent API
  login: 'POST /v1/agent/login',
  me: 'GET /v1/agent/me',
  presence: 'POST /v1/agent/presence',
  inbox: 'GET /v1/agent/conversations',
  agentConversation: 'GET /v1/agent/conversations/:id',
  agentMessages: 'GET /v1/agent/conversations/:id/messages',
  agentReply: 'POST /v1/agent/conversations/:id/messages',
  assign: 'POST /v1/agent/conversations/:id/assign',
  setStatus: 'POST /v1/agent/conversations/:id/status',
  /** Move a conversation (and its ticket) to a team or none (`SetTeamSchema`); answers the conversation. */
  setTeam: 'POST /v1/agent/conversations/:id/team',
  /** The site's teams with members' presence, open conversations and capacity, and what waits (`TeamSummary[]`). */
  teams: 'GET /v1/agent/teams',
  agentRead: 'POST /v1/agent/conversations/:id/read',
  agentTyping: 'POST /v1/agent/conversations/:id/typing',
  agentEvents: 'GET /v1/agent/events',
  agentRealtime: 'GET /v1/agent/realtime',
  canned: 'GET /v1/agent/canned',
  createCanned: 'POST /v1/agent/canned',
  deleteCanned: 'DELETE /v1/agent/canned/:id',
  tickets: 'GET /v1/agent/tickets',
  updateTicket: 'PATCH /v1/agent/tickets/:id',
  agentArticles: 'GET /v1/agent/articles',
  /** Add an alternative question (`AddQuestionSchema`) to an article; answers the `Article`. */
  addArticleQuestion: 'POST /v1/agent/articles/:id/questions',
  visitorContext: 'GET /v1/agent/visitors/:id',
  /** Add and/or remove tags of a conversation (`AgentTagsSchema`); answers the `Conversation`. */
  conversationTags: 'POST /v1/agent/conversations/:id/tags',
  /**
   * An agent uploads a file to attach to a reply in conversation `conversationId` (multipart/form-data with
   * `file` and `conversationId`; same types and size limit as visitor uploads). Answers an `Attachment`.
   */
  agentUpload: 'POST /v1/agent/uploads',
  // Admin API (role admin)
  currentConfig: 'GET /v1/admin/config',
  configVersions: 'GET /v1/admin/config/versions',
  pushConfig: 'POST /v1/admin/config',
  rollbackConfig: 'POST /v1/admin/config/rollback',
  /** Browser origins refused lately (not in `allowedOrigins`): `{ origins: [{ origin, count, lastSeenAt }] }`. */
  refusedOrigins: 'GET /v1/admin/config/refused-origins',
  adminArticles: 'GET /v1/admin/articles',
  upsertArticle: 'PUT /v1/admin/articles/:id',
  deleteArticle: 'DELETE /v1/admin/articles/:id',
  unpublishArticle: 'POST /v1/admin/articles/:id/unpublish',
  /** Questions visitors confirmed an article answered, waiting for an admin (open ones, newest first). */
  questionProposals: 'GET /v1/admin/question-proposals',
  /** Add the proposed question to its article; answers the `Article`. */
  acceptQuestionProposal: 'POST /v1/admin/question-proposals/:id/accept',
  dismissQuestionProposal: 'POST /v1/admin/question-proposals/:id/dismiss',
  adminCategories: 'GET /v1/admin/categories',
  upsertCategory: 'PUT /v1/admin/categories/:id',
  agents: 'GET /v1/admin/agents',
  createAgent: 'POST /v1/admin/agents',
  deleteAgent: 'DELETE /v1/admin/agents/:id',
  visitorExport: 'GET /v1/admin/visitors/:id/export',
  visitorDelete: 'DELETE /v1/admin/visitors/:id',
  /** The visitor records of one person (query: `VisitorMatch`): `{ visitors: Visitor[] }`. */
  findVisitors: 'GET /v1/admin/visitors',
  /** Everything stored about one person (query: `VisitorMatch`): `{ exportedAt, match, visitors: [...] }`. */
  exportPerson: 'GET /v1/admin/visitors/export',
  /** Delete every visitor record of one person for good (query: `VisitorMatch`): `{ deleted: string[] }`. */
  deletePerson: 'DELETE /v1/admin/visitors',
  stats: 'GET /v1/admin/stats',
  // Quality (role manager; admin includes it). Tables answer JSON, or a download with `format=csv|json`.
  /** Figures per agent, team, channel or period (query: `AnalyticsQuery`); answers `Analytics` and its `total`. */
  analytics: 'GET /v1/agent/quality/analytics',
  /** Rating comments and "not solved" answers (query: `VoiceQuery`); answers a `VoicePage`. */
  voice: 'GET /v1/agent/quality/voice',
  /** Improvement items (query: `team`, `status`): `{ plans: ActionPlan[] }`, each with its figure before and now. */
  actionPlans: 'GET /v1/agent/quality/action-plans',
  /** Create an item (`CreateActionPlan`); its targeted figure is measured and stored as "before". */
  createActionPlan: 'POST /v1/agent/quality/action-plans',
  /** Change an item's status, owner, due date, title or notes. */
  updateActionPlan: 'PATCH /v1/agent/quality/action-plans/:id',
  /** The managers' weekly summary as a download (query: `week` = a Monday, `format=text|json`). */
  weeklySummary: 'GET /v1/agent/quality/weekly-summary',
  /** The webhook delivery log of the site, newest first. */
  webhookDeliveries: 'GET /v1/admin/webhooks/deliveries',
  /** The email delivery log of the site (`EmailDelivery[]`), newest first. */
  emailDeliveries: 'GET /v1/admin/email/deliveries',
  /** Opt the signed-in agent in to or out of the email digest (`{ enabled }`). */
  emailDigest: 'POST /v1/agent/email-digest',
  /** Disable or re-enable an agent (`{ disabled }`); disabling revokes every token of that agent. */
  updateAgent: 'PATCH /v1/admin/agents/:id',
  /** The site's identity, webhook and email secrets: current, and earlier ones still in their overlap window. */
  secrets: 'GET /v1/admin/secrets',
  /** Replace a secret (`{ purpose, overlapHours }`); the old one stays valid for `overlapHours`. */
  rotateSecret: 'POST /v1/admin/secrets/rotate',
  /** A one-minute ticket (`{ ticket }`) to open the agent socket with, so the agent token stays out of URLs. */
  agentTicket: 'POST /v1/agent/ticket',
  /** Sign out: revokes every token of the signed-in agent. */
  logout: 'POST /v1/agent/logout',
  /** Change the signed-in agent's password (`{ currentPassword, newPassword }`): revokes their other tokens. */
  changePassword: 'POST /v1/agent/password',
  /** Redeem an invite code (`AcceptInvite`): sets the password and answers like a login. */
  acceptInvite: 'POST /v1/agent/invite',
  /** The sites the signed-in agent is a member of, with its roles on each (`AgentSite[]`). */
  agentSites: 'GET /v1/agent/sites',
  /** The site's members with their roles (`Member[]`). */
  members: 'GET /v1/admin/members',
  /** Add an account to the site (`AddMember`); a new email gets an account and a one-time invite code. */
  addMember: 'POST /v1/admin/members',
  /** Change a member's roles (`UpdateMember`); the site's last admin keeps the admin role. */
  updateMember: 'PUT /v1/admin/members/:id',
  /** Remove a member from the site (the account stays); never the last admin. */
  removeMember: 'DELETE /v1/admin/members/:id',
  // Quality reviews (docs/quality.md); each names the role it needs.
  /** The site's rubrics and config version (reviewer). */
  qualityRubrics: 'GET /v1/agent/quality/rubrics',
  /** Active agents to pick as calibration reviewers (manager). */
  qualityReviewers: 'GET /v1/agent/quality/reviewers',
  /** The review queue (`?status=open|mine|done`), each item with why it was sampled (reviewer). */
  qualityQueue: 'GET /v1/agent/quality/queue',
  /** Run the sampling rules now; answers `{ added }` (manager). */
  sampleQueue: 'POST /v1/agent/quality/queue/sample',
  /** Claim a queue item (reviewer); 409 when another reviewer has it. */
  claimQueueItem: 'POST /v1/agent/quality/queue/:id/claim',
  /** Put a claimed item back (its reviewer or a manager). */
  releaseQueueItem: 'POST /v1/agent/quality/queue/:id/release',
  /** Reviews (`?agent=me` for the signed-in agent's own; others need reviewer; `&status=disputed`). */
  qualityReviews: 'GET /v1/agent/quality/reviews',
  /** Submit a review (`ReviewInputSchema`, reviewer); answers the `QualityReview` with its computed score. */
  submitReview: 'POST /v1/agent/quality/reviews',
  /** One review with its history (the reviewed agent, reviewers). */
  qualityReview: 'GET /v1/agent/quality/reviews/:id',
  /** The reviewed agent accepts the review. */
  acknowledgeReview: 'POST /v1/agent/quality/reviews/:id/acknowledge',
  /** The reviewed agent disputes it (`{ reason }`). */
  disputeReview: 'POST /v1/agent/quality/reviews/:id/dispute',
  /** Resolve a dispute (`ResolveDisputeSchema`, manager). */
  resolveDispute: 'POST /v1/agent/quality/reviews/:id/resolve',
  /** Calibration sessions the agent takes part in (managers: all). */
  calibrations: 'GET /v1/agent/quality/calibrations',
  /** Create a calibration session (`CalibrationInputSchema`, manager). */
  createCalibration: 'POST /v1/agent/quality/calibrations',
  /** One session: own scores while open, everyone's with agreement (alpha, spread) once closed. */
  calibration: 'GET /v1/agent/quality/calibrations/:id',
  /** Close a session (manager). */
  closeCalibration: 'POST /v1/agent/quality/calibrations/:id/close',
  /** QA scores per agent, criterion and period (`?from&to&period=day|week|month`, manager). */
  qaScores: 'GET /v1/agent/quality/scores',
} as const;
export type RouteName = keyof typeof ROUTES;
