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
  isTimeZone,
  PrivacySchema,
  RatingSettingsSchema,
  SafeUrlSchema,
  SiteConfigSchema,
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
export { safeUrl } from './safeUrl';
export type { Outcome, Ticket } from './ticket';
export { OutcomeSchema, TicketSchema } from './ticket';
export { missingTranslations } from './translations';
export type { CheckResult, Issue } from './validate';
export { check, describeValue, formatPath, parse, SchemaError, underPrefix } from './validate';
export { API_PREFIX, PROTOCOL_VERSION } from './version';
export type { Identity, Visitor } from './visitor';
export { EmailSchema, IdentitySchema, VisitorSchema } from './visitor';
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
