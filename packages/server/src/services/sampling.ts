import { createHash } from 'node:crypto';
import type { SampleReason, SamplingRule } from '@frontdesk/protocol';
import { newId } from '../auth/crypto';
import type { Row } from '../db/rows';
import type { AppContext } from './context';
import type { Site } from './sites';

/** How far back the sweep looks for resolved conversations not yet sampled. */
const LOOKBACK_DAYS = 30;
/** Conversations examined per sweep (the rest wait for the next one). */
const BATCH = 500;

/**
 * Where `conversationId` falls in [0, 1) for random rule `index`: a hash, so every node (and every re-run) makes
 * the same choice, and reviewers cannot pick.
 */
export function randomPoint(conversationId: string, index: number): number {
  return createHash('sha256').update(`${conversationId}:${index}`).digest().readUInt32BE(0) / 2 ** 32;
}

interface Candidate {
  id: string;
  agentId: string | null;
  agentCreatedAt: Date | null;
  createdAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  botState: string | null;
  reopenCount: number;
  csat: number | null;
  solved: boolean | null;
}

function matches(rule: SamplingRule, index: number, c: Candidate): boolean {
  switch (rule.when) {
    case 'random':
      return randomPoint(c.id, index) < (rule.share ?? 0);
    case 'lowCsat':
      return c.csat !== null && c.csat <= (rule.csatAtMost ?? 2);
    case 'notSolved':
      return c.solved === false;
    case 'slowFirstResponse':
      return (
        c.firstResponseAt !== null &&
        c.firstResponseAt.getTime() - c.createdAt.getTime() > (rule.firstResponseOverMinutes ?? 15) * 60_000
      );
    case 'escalated':
      return c.botState === 'handedOff' || c.reopenCount > 0;
    case 'newAgent':
      return (
        c.agentCreatedAt !== null &&
        (c.resolvedAt ?? new Date()).getTime() - c.agentCreatedAt.getTime() <
          (rule.agentDaysUnder ?? 30) * 86_400_000
      );
  }
}

/**
 * Put resolved conversations of `site` that match a sampling rule into the review queue, each once with every
 * reason that matched. Deterministic and idempotent: re-running adds only conversations that newly match (a low
 * rating after resolution), and the unique key on the conversation makes concurrent runs on two nodes safe.
 * `ids` limits the run to those conversations (the resolution and rating hooks). Returns how many were added.
 */
export async function sampleSite(ctx: AppContext, site: Site, ids?: string[]): Promise<number> {
  const { rubrics, sampling } = site.config.quality;
  if (rubrics.length === 0 || sampling.length === 0) return 0;
  const rows = await ctx.db.query<Row>(
    `select c.id, c.created_at, c.first_response_at, c.resolved_at, c.bot_state, c.reopen_count, r.csat, r.solved,
       a.id as agent_id, a.created_at as agent_created_at
     from conversations c
     left join ratings r on r.conversation_id = c.id
     left join agents a on a.id = coalesce(c.assignee_id, (select m.author_id from messages m
       where m.conversation_id = c.id and m.author_kind = 'agent' and not m.internal order by m.seq desc limit 1))
     where c.site_id = $1 and c.status = 'resolved' and c.resolved_at > now() - make_interval(days => $2)
       and not exists (select 1 from quality_queue q where q.conversation_id = c.id)
       and ($3::text[] is null or c.id = any($3::text[]))
     order by c.resolved_at limit ${BATCH}`,
    [site.id, LOOKBACK_DAYS, ids ?? null],
  );
  let added = 0;
  for (const row of rows) {
    const candidate: Candidate = {
      id: row.id as string,
      agentId: (row.agent_id as string | null) ?? null,
      agentCreatedAt: row.agent_created_at ? new Date(row.agent_created_at as string) : null,
      createdAt: new Date(row.created_at as string),
      firstResponseAt: row.first_response_at ? new Date(row.first_response_at as string) : null,
      resolvedAt: row.resolved_at ? new Date(row.resolved_at as string) : null,
      botState: (row.bot_state as string | null) ?? null,
      reopenCount: Number(row.reopen_count ?? 0),
      csat: row.csat === null || row.csat === undefined ? null : Number(row.csat),
      solved: (row.solved as boolean | null) ?? null,
    };
    const matched = sampling
      .map((rule, i) => [rule, i] as const)
      .filter(([rule, i]) => matches(rule, i, candidate));
    if (matched.length === 0) continue;
    const reasons = [...new Set(matched.map(([rule]) => rule.when))] as SampleReason[];
    const rubricId = matched[0]![0].rubric ?? rubrics[0]!.id;
    const inserted = await ctx.db.query(
      `insert into quality_queue (id, site_id, conversation_id, rubric_id, reasons, agent_id)
       values ($1, $2, $3, $4, $5, $6) on conflict (conversation_id) do nothing returning id`,
      [newId('qq'), site.id, candidate.id, rubricId, JSON.stringify(reasons), candidate.agentId],
    );
    added += inserted.length;
  }
  return added;
}

/** Sample every site (the periodic sweep); errors are logged, never thrown. */
export async function sampleAll(ctx: AppContext): Promise<void> {
  for (const site of await ctx.sites.list())
    await sampleSite(ctx, site).catch((error: Error) =>
      ctx.log.warn({ err: error, siteId: site.id }, 'quality sampling failed'),
    );
}

/** Sample one conversation after it was resolved or rated; never fails the request that triggered it. */
export async function sampleAfter(ctx: AppContext, site: Site, conversationId: string): Promise<void> {
  await sampleSite(ctx, site, [conversationId]).catch((error: Error) =>
    ctx.log.warn({ err: error, conversationId }, 'quality sampling failed'),
  );
}
