import type { ActionPlan, AnalyticsRow, VoiceItem } from '@frontdesk/protocol';
import type { Column } from './csv';

/** The analytics table's columns (times in seconds, rates as shares 0–1). */
export const ANALYTICS_COLUMNS: ReadonlyArray<Column<AnalyticsRow>> = [
  { header: 'key', value: (r) => r.key },
  { header: 'name', value: (r) => r.label },
  { header: 'conversations', value: (r) => r.conversations },
  { header: 'first_response_median_s', value: (r) => r.firstResponseSeconds.median },
  { header: 'first_response_p90_s', value: (r) => r.firstResponseSeconds.p90 },
  { header: 'resolution_median_s', value: (r) => r.resolutionSeconds.median },
  { header: 'resolution_p90_s', value: (r) => r.resolutionSeconds.p90 },
  { header: 'csat_responses', value: (r) => r.csat.responses },
  { header: 'csat_average', value: (r) => r.csat.average },
  { header: 'csat_satisfied_share', value: (r) => r.csat.satisfied },
  { header: 'nps_responses', value: (r) => r.nps.responses },
  { header: 'nps', value: (r) => r.nps.score },
  { header: 'solved_responses', value: (r) => r.solved.responses },
  { header: 'solved_rate', value: (r) => r.solved.rate },
  { header: 'resolved', value: (r) => r.reopen.resolved },
  { header: 'reopened', value: (r) => r.reopen.reopened },
  { header: 'reopen_rate', value: (r) => r.reopen.rate },
  { header: 'backlog', value: (r) => r.backlog },
  { header: 'help_visitors', value: (r) => r.deflection?.helpVisitors },
  { header: 'deflected', value: (r) => r.deflection?.deflected },
  { header: 'deflection_rate', value: (r) => r.deflection?.rate },
];

/** The voice-of-the-customer table's columns. */
export const VOICE_COLUMNS: ReadonlyArray<Column<VoiceItem>> = [
  { header: 'date', value: (r) => r.createdAt },
  { header: 'conversation', value: (r) => r.conversationId },
  { header: 'customer', value: (r) => r.visitorName },
  { header: 'agent', value: (r) => r.agentName },
  { header: 'channel', value: (r) => r.channel },
  { header: 'csat', value: (r) => r.csat },
  { header: 'nps', value: (r) => r.nps },
  { header: 'solved', value: (r) => (r.solved === null ? null : r.solved ? 'yes' : 'no') },
  { header: 'comment', value: (r) => r.comment },
];

/** The action plans table's columns. */
export const ACTION_PLAN_COLUMNS: ReadonlyArray<Column<ActionPlan>> = [
  { header: 'id', value: (r) => r.id },
  { header: 'title', value: (r) => r.title },
  { header: 'owner', value: (r) => r.owner },
  { header: 'due', value: (r) => r.dueDate },
  { header: 'status', value: (r) => r.status },
  { header: 'figure', value: (r) => r.metric },
  { header: 'scope', value: (r) => (r.scope.id ? `${r.scope.kind}:${r.scope.id}` : r.scope.kind) },
  { header: 'before', value: (r) => r.before.value },
  { header: 'after', value: (r) => r.after?.value },
  { header: 'conversations', value: (r) => r.conversationIds.join(' ') },
  { header: 'reviews', value: (r) => r.reviewIds.join(' ') },
  { header: 'created_by', value: (r) => r.createdBy },
  { header: 'created_at', value: (r) => r.createdAt },
];
