export type {
  ActionPlan,
  ActionStatus,
  Analytics,
  AnalyticsGroup,
  AnalyticsQuery,
  AnalyticsRow,
  CreateActionPlan,
  Interval,
  Metric,
  Scope,
  Stats,
  VoiceItem,
  VoicePage,
  VoiceQuery,
} from './analytics';
export {
  ActionPlanQuerySchema,
  ActionPlanSchema,
  ActionStatusSchema,
  AnalyticsGroupSchema,
  AnalyticsQuerySchema,
  AnalyticsRowSchema,
  AnalyticsSchema,
  CreateActionPlanSchema,
  ExportFormatSchema,
  IntervalSchema,
  METRICS,
  MetricSchema,
  ScopeSchema,
  StatsSchema,
  UpdateActionPlanSchema,
  VoiceItemSchema,
  VoicePageSchema,
  VoiceQuerySchema,
} from './analytics';
export type {
  Agent,
  AgentMessage,
  AgentRole,
  CannedResponse,
  ConfigState,
  ConfigVersion,
  CreateAgent,
  PushConfig,
  RollbackConfig,
  RouteName,
  SessionRequest,
  SessionResponse,
  SiteRole,
  TeamSummary,
  TrackEvent,
  VisitorMatch,
  VisitorUpdate,
} from './api';
export {
  AgentMessageSchema,
  AgentRoleSchema,
  AgentSchema,
  CannedResponseSchema,
  ChangePasswordSchema,
  ConfigStateSchema,
  ConfigVersionSchema,
  CreateAgentSchema,
  InboxQuerySchema,
  LoginSchema,
  MarkReadSchema,
  PushConfigSchema,
  ROUTES,
  RollbackConfigSchema,
  RotateSecretSchema,
  SessionRequestSchema,
  SessionResponseSchema,
  SetTeamSchema,
  SiteRoleSchema,
  SiteSecretSchema,
  SiteSecretsSchema,
  TrackEventSchema,
  TypingSchema,
  UpdateAgentSchema,
  VisitorMatchSchema,
  VisitorUpdateSchema,
} from './api';
export type {
  Article,
  ArticleDraft,
  ArticleInput,
  ArticleTranslation,
  Category,
  SearchHit,
  SearchVerdict,
} from './article';
export {
  AddQuestionSchema,
  ArticleDraftSchema,
  ArticleInputSchema,
  ArticleSchema,
  ArticleTranslationSchema,
  CategorySchema,
  SearchHitSchema,
  SearchVerdictSchema,
  SlugSchema,
} from './article';
export type { Availability } from './availability';
export { AvailabilitySchema, isOpen, nextOpening } from './availability';
export type { Attributes, ClientId, Id, Locale, LocalizedText, Page, Timestamp } from './common';
export {
  AttributesSchema,
  ClientIdSchema,
  IdSchema,
  INT32_MAX,
  int32Schema,
  LocaleSchema,
  LocalizedTextSchema,
  localize,
  PageSchema,
  TimestampSchema,
} from './common';
export type {
  BotSettings,
  BusinessHours,
  Channels,
  EmailSettings,
  PublicConfig,
  SiteConfig,
  SiteConfigInput,
  Team,
  Theme,
} from './config';
export {
  BotSchema,
  BusinessHoursSchema,
  ChannelsSchema,
  CONFIG_VERSION,
  EmailSettingsSchema,
  isTimeZone,
  PrivacySchema,
  RatingSettingsSchema,
  SafeUrlSchema,
  SiteConfigSchema,
  siteTimeZone,
  TeamSchema,
  ThemeSchema,
  TimeZoneSchema,
  toPublicConfig,
  WebhookSchema,
} from './config';
export type { ConfigCheckResult } from './configRules';
export { closest, editDistance, isKnownLocale, MAX_CONFIG_DEPTH, validateConfig } from './configRules';
export type { BotState, Channel, Conversation, ConversationStatus, CreateConversation } from './conversation';
export {
  BotStateSchema,
  ChannelSchema,
  ConversationSchema,
  ConversationStatusSchema,
  CreateConversationSchema,
} from './conversation';
export type { EmailDelivery, EmailKind } from './email';
export {
  EmailDeliverySchema,
  EmailDigestSchema,
  EmailKindSchema,
  FollowUpLinkSchema,
  FollowUpRatingSchema,
} from './email';
export type { ErrorBody, ErrorCode } from './errors';
export { ERROR_CODES, ERROR_STATUS, ErrorBodySchema, IssueSchema } from './errors';
export { cleanFileName } from './fileName';
export type { FieldType, FormDefinition, FormField, FormModule, FormSubmission, FormValue } from './form';
export {
  FieldTypeSchema,
  FormDefinitionSchema,
  FormFieldSchema,
  FormModuleSchema,
  FormSubmissionSchema,
  FormValueSchema,
  PATTERN_INPUT_MAX,
  validateSubmission,
} from './form';
export type { AcceptInvite, AddMember, AgentSite, Invite, Member, UpdateMember } from './members';
export { AcceptInviteSchema, AddMemberSchema, SiteRolesSchema, UpdateMemberSchema } from './members';
export type { Attachment, Author, AuthorKind, BotAnswer, Message, SendMessage } from './message';
export {
  AttachmentSchema,
  AuthorKindSchema,
  AuthorSchema,
  BotAnswerSchema,
  MAX_MESSAGE_LENGTH,
  MessageSchema,
  SendMessageSchema,
} from './message';
export type {
  ProactiveCaps,
  ProactiveCondition,
  ProactiveMessage,
  ProactiveMessageInput,
  ProactiveRef,
  ProactiveTrigger,
} from './proactive';
export {
  PROACTIVE_EVENTS,
  PROACTIVE_TEXT_MAX,
  ProactiveCapsSchema,
  ProactiveConditionSchema,
  ProactiveEventDataSchema,
  ProactiveMessageSchema,
  ProactiveRefSchema,
  ProactiveTriggerSchema,
} from './proactive';
export { matchCondition, matchConditions, matchUrl } from './proactiveMatch';
export type {
  Calibration,
  CalibrationInput,
  CalibrationResults,
  Criterion,
  CriterionScore,
  QaScores,
  QualityAuditEntry,
  QualityReview,
  QualitySettings,
  QueueItem,
  ResolveDispute,
  ReviewInput,
  Rubric,
  SampleReason,
  SamplingRule,
} from './quality';

export {
  CalibrationInputSchema,
  CriterionSchema,
  CriterionScoreSchema,
  DisputeInputSchema,
  fails,
  normalizedScore,
  QualitySchema,
  ResolveDisputeSchema,
  ReviewInputSchema,
  RubricSchema,
  reviewTotal,
  SampleReasonSchema,
  SamplingRuleSchema,
  scoreIssues,
} from './quality';
export type { Rate, Rating } from './rating';
export { RateSchema, RatingSchema } from './rating';
export type { Routing, RoutingRule } from './routing';
export { RoutingRuleSchema, RoutingSchema, TeamIdSchema } from './routing';
export { safeUrl } from './safeUrl';
export type { Outcome, Ticket } from './ticket';
export { OutcomeSchema, TicketSchema } from './ticket';
export { missingTranslations } from './translations';
export type { CheckResult, Issue } from './validate';
export { check, describeValue, formatPath, parse, SchemaError, underPrefix } from './validate';
export { API_PREFIX, PROTOCOL_VERSION } from './version';
export type { Identity, Visitor } from './visitor';
export { EmailSchema, IdentitySchema, VisitorSchema } from './visitor';
export type { AgentTags, Company, ConversationData, ConversationFields, Lead } from './visitorData';
export {
  AgentTagsSchema,
  CompanySchema,
  ConversationDataSchema,
  ConversationFieldsSchema,
  LeadSchema,
  MAX_CONVERSATION_FIELDS,
  MAX_CONVERSATION_TAGS,
  PhoneSchema,
  TagListSchema,
  TagSchema,
} from './visitorData';
export type { PopoutCode, PopoutExchange, Position, Suggest, ThemeOverride } from './widgetApi';
export {
  PopoutExchangeSchema,
  PositionSchema,
  ShowIdSchema,
  SuggestSchema,
  ThemeOverrideSchema,
  ZIndexSchema,
} from './widgetApi';
export type {
  ClientFrame,
  EphemeralEvent,
  EventPage,
  ServerFrame,
  StreamEvent,
  StreamEventType,
} from './wire';
export {
  ClientFrameSchema,
  EphemeralEventSchema,
  EventPageSchema,
  ServerFrameSchema,
  StreamEventSchema,
} from './wire';
