import {
  ActionPlanQuerySchema,
  AnalyticsQuerySchema,
  CreateActionPlanSchema,
  UpdateActionPlanSchema,
  VoiceQuerySchema,
} from '@frontdesk/protocol';
import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../http/types';
import { readBody, validate } from '../http/validate';
import { requireRole } from '../services/access';
import type { AppContext } from '../services/context';
import { createActionPlan, listActionPlans, updateActionPlan } from '../services/quality/actionPlans';
import { computeAnalytics } from '../services/quality/analytics';
import { type Column, downloadHeaders, toCsv } from '../services/quality/csv';
import { ACTION_PLAN_COLUMNS, ANALYTICS_COLUMNS, VOICE_COLUMNS } from '../services/quality/tables';
import { listVoice } from '../services/quality/voice';
import { weeklySummary } from '../services/quality/weeklySummary';

const SummaryQuerySchema = v.object({
  /** The week's Monday in the site's time zone; default: the last complete week. */
  week: v.optional(v.pipe(v.string(), v.isoDate('a date like "2026-11-30" (a Monday)'))),
  format: v.optional(v.picklist(['text', 'json'], 'text or json'), 'text'),
});

/**
 * Quality analytics, exports, action plans and the voice of the customer, under `/v1/agent/quality` (role
 * manager; admin includes it). Every table answers JSON, or a download with `format=csv` / `format=json`.
 */
export function analyticsRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  const manager = (c: Context<AppEnv>) => {
    requireRole(c.get('roles'), 'manager');
    return c.get('site');
  };
  const query = <S extends v.GenericSchema>(c: Context<AppEnv>, schema: S) =>
    validate(schema, c.req.query(), 'query');
  // The JSON answer, or a file: CSV of `rows` or the JSON answer as a download.
  const answer = <T>(
    c: Context<AppEnv>,
    format: 'csv' | 'json' | undefined,
    name: string,
    body: object,
    columns: ReadonlyArray<Column<T>>,
    rows: T[],
  ) => {
    if (format === 'csv') return c.body(toCsv(columns, rows), 200, downloadHeaders(`${name}.csv`, 'csv'));
    if (format === 'json')
      return c.body(JSON.stringify(body, null, 2), 200, downloadHeaders(`${name}.json`, 'json'));
    return c.json(body);
  };

  app.get('/quality/analytics', async (c) => {
    const site = manager(c);
    const q = query(c, AnalyticsQuerySchema);
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * 86_400_000);
    const result = await computeAnalytics(ctx.db, site, { ...q, from, to });
    const name = `analytics-${q.groupBy}-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}`;
    return answer(c, q.format, name, result, ANALYTICS_COLUMNS, [...result.rows, result.total]);
  });

  app.get('/quality/voice', async (c) => {
    const site = manager(c);
    const q = query(c, VoiceQuerySchema);
    const page = await listVoice(ctx.db, site.id, q);
    return answer(c, q.format, `voice-of-the-customer-page-${q.page}`, page, VOICE_COLUMNS, page.items);
  });

  app.get('/quality/action-plans', async (c) => {
    const site = manager(c);
    const q = query(c, ActionPlanQuerySchema);
    const plans = await listActionPlans(ctx.db, site, q);
    return answer(
      c,
      q.format,
      `action-plans${q.team ? `-${q.team}` : ''}`,
      { plans },
      ACTION_PLAN_COLUMNS,
      plans,
    );
  });

  app.post('/quality/action-plans', async (c) => {
    const site = manager(c);
    const body = await readBody(c, CreateActionPlanSchema);
    return c.json(await createActionPlan(ctx.db, site, body, c.get('agent').email), 201);
  });

  app.patch('/quality/action-plans/:id', async (c) => {
    const site = manager(c);
    const body = await readBody(c, UpdateActionPlanSchema);
    return c.json(await updateActionPlan(ctx.db, site, c.req.param('id'), body));
  });

  app.get('/quality/weekly-summary', async (c) => {
    const site = manager(c);
    const q = query(c, SummaryQuerySchema);
    const summary = await weeklySummary(ctx.db, site, q.week);
    const day = summary.data.from.slice(0, 10);
    if (q.format === 'json')
      return c.body(
        JSON.stringify(summary, null, 2),
        200,
        downloadHeaders(`weekly-summary-${day}.json`, 'json'),
      );
    return c.body(summary.text, 200, downloadHeaders(`weekly-summary-${day}.txt`, 'text'));
  });
}
