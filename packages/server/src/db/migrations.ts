import type { Database, Sql } from './database';

/**
 * Versioned schema migrations, applied in order on start. Never edit a released entry: append a new one.
 * The same SQL runs on PGlite and PostgreSQL.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
create table settings (key text primary key, value text not null);
create table sites (
  id text primary key, key text not null unique, secret text not null, name text not null,
  created_at timestamptz not null default now());
create table site_configs (
  site_id text not null references sites(id) on delete cascade, version int not null, config jsonb not null,
  created_by text, created_at timestamptz not null default now(), primary key (site_id, version));
create table visitors (
  id text primary key, site_id text not null references sites(id) on delete cascade,
  user_id text, email text, name text, attributes jsonb not null default '{}', page jsonb, locale text,
  created_at timestamptz not null default now(), last_seen_at timestamptz not null default now());
create unique index visitors_user on visitors (site_id, user_id) where user_id is not null;
create table counters (id text primary key, value int not null default 0);
create table events (
  stream_id text not null, seq int not null, type text not null, data jsonb not null,
  created_at timestamptz not null default now(), primary key (stream_id, seq));
create table agents (
  id text primary key, email text not null unique, name text not null, role text not null,
  password_hash text not null, status text not null default 'offline', created_at timestamptz not null default now());
create table conversations (
  id text primary key, site_id text not null references sites(id) on delete cascade,
  visitor_id text not null references visitors(id) on delete cascade, client_id text not null,
  status text not null default 'open', channel text not null default 'chat', subject text,
  assignee_id text references agents(id) on delete set null, page jsonb,
  created_at timestamptz not null default now(), updated_at timestamptz not null default now(),
  first_response_at timestamptz, resolved_at timestamptz, last_message_at timestamptz,
  last_seq int not null default 0, visitor_read_seq int not null default 0, agent_read_seq int not null default 0,
  visitor_read_at timestamptz, agent_read_at timestamptz, unique (visitor_id, client_id));
create index conversations_site on conversations (site_id, updated_at desc);
create table messages (
  id text primary key, conversation_id text not null references conversations(id) on delete cascade,
  client_id text not null, seq int not null, author_kind text not null, author_id text, author_name text,
  text text not null, attachments jsonb not null default '[]', internal boolean not null default false,
  created_at timestamptz not null default now(),
  unique (conversation_id, client_id), unique (conversation_id, seq));
create table canned_responses (
  id text primary key, site_id text not null references sites(id) on delete cascade, shortcut text not null,
  title text not null, text text not null, created_at timestamptz not null default now(), unique (site_id, shortcut));
create table categories (
  id text primary key, site_id text not null references sites(id) on delete cascade, slug text not null,
  names jsonb not null, sort int not null default 0);
create table articles (
  id text primary key, site_id text not null references sites(id) on delete cascade, slug text not null,
  category_id text, status text not null, translations jsonb not null,
  views int not null default 0, helpful int not null default 0, unhelpful int not null default 0,
  updated_at timestamptz not null default now());
create table tickets (
  id text primary key, site_id text not null references sites(id) on delete cascade, reference text not null,
  form_id text not null, visitor_id text not null references visitors(id) on delete cascade,
  conversation_id text references conversations(id) on delete set null, client_id text not null,
  values jsonb not null, status text not null default 'open', outcome text,
  created_at timestamptz not null default now(), updated_at timestamptz not null default now(),
  unique (visitor_id, client_id));
create table ratings (
  conversation_id text primary key references conversations(id) on delete cascade, client_id text not null,
  csat int, nps int, comment text, solved boolean, created_at timestamptz not null default now());
create table uploads (
  id text primary key, site_id text not null references sites(id) on delete cascade,
  visitor_id text references visitors(id) on delete cascade, agent_id text, name text not null,
  type text not null, size int not null, created_at timestamptz not null default now());
create table activity (
  id serial primary key, site_id text not null references sites(id) on delete cascade,
  visitor_id text references visitors(id) on delete cascade, name text not null, data jsonb not null default '{}',
  created_at timestamptz not null default now());
create index activity_site on activity (site_id, created_at);
create table webhook_deliveries (
  id text primary key, site_id text not null references sites(id) on delete cascade, url text not null,
  event text not null, payload jsonb not null, status text not null default 'pending', attempts int not null default 0,
  response_status int, error text, next_at timestamptz not null default now(),
  created_at timestamptz not null default now(), updated_at timestamptz not null default now());
create index webhook_due on webhook_deliveries (status, next_at);
`,
  },
  {
    version: 2,
    name: 'config version notes',
    sql: 'alter table site_configs add column note text',
  },
  {
    version: 3,
    name: 'uploads owned by uploader and conversation',
    // Agent uploads no longer carry the visitor's id; an upload is attached (kept) once a message or ticket
    // uses it, and unattached ones expire. Existing attachments are marked attached.
    sql: `
alter table uploads add column conversation_id text;
alter table uploads add column attached_at timestamptz;
update uploads set visitor_id = null where agent_id is not null;
update uploads u set attached_at = u.created_at, conversation_id = m.conversation_id
  from messages m, jsonb_array_elements(m.attachments) a where a->>'id' = u.id;
update uploads u set attached_at = u.created_at, conversation_id = t.conversation_id
  from tickets t, jsonb_each_text(t.values) kv where kv.value = u.id and u.attached_at is null;
create index uploads_unattached on uploads (created_at) where attached_at is null;
`,
  },
  {
    version: 4,
    name: 'alternative questions proposed from confirmed searches',
    sql: `
create table question_proposals (
  id text primary key,
  site_id text not null references sites(id) on delete cascade,
  article_id text not null references articles(id) on delete cascade,
  locale text not null,
  question text not null,
  status text not null default 'open',
  created_at timestamptz not null default now(),
  unique (article_id, locale, question)
);
create index question_proposals_open on question_proposals (site_id, status);
`,
  },
  {
    version: 5,
    name: 'answer bot',
    sql: `
alter table conversations add column bot_state text;
alter table conversations add column bot_tries int not null default 0;
alter table messages add column answer jsonb;
`,
  },
  {
    version: 6,
    // "Save draft" on a published article keeps the published text live: the draft is a separate revision.
    name: 'article drafts of published articles',
    sql: 'alter table articles add column draft jsonb',
  },
  {
    version: 7,
    name: 'separate, rotatable site secrets; revocable agent tokens',
    // A site's one secret becomes both its identity and its webhook secret, so nothing breaks on upgrade.
    sql: `
create table site_secrets (
  site_id text not null references sites(id) on delete cascade, purpose text not null, secret text not null,
  created_at timestamptz not null default now(), expires_at timestamptz,
  primary key (site_id, purpose, secret));
insert into site_secrets (site_id, purpose, secret) select id, 'identity', secret from sites;
insert into site_secrets (site_id, purpose, secret) select id, 'webhook', secret from sites;
alter table agents add column token_version int not null default 0;
alter table agents add column disabled boolean not null default false;
`,
  },
  {
    version: 8,
    // #17 part A. Leads and companies are unverified data kept apart from the verified profile; fields and
    // tags set before a visitor's conversation exists wait on the visitor (`pending_conversation`).
    name: 'visitor leads and companies; conversation fields and tags',
    sql: `
alter table visitors add column lead jsonb;
alter table visitors add column company jsonb;
alter table visitors add column pending_conversation jsonb;
alter table conversations add column fields jsonb not null default '{}';
alter table conversations add column tags text[] not null default '{}';
`,
  },
  {
    version: 9,
    name: 'email outbox, reply and follow-up state, agent digests, inbound email secret',
    // email_seq: the last message seq the visitor was emailed; followup_at: when a follow-up email is due.
    sql: `
create table email_outbox (
  id text primary key, site_id text not null references sites(id) on delete cascade, kind text not null,
  recipient text not null, subject text not null, conversation_id text references conversations(id) on delete cascade,
  message jsonb not null, status text not null default 'pending', attempts int not null default 0, error text,
  next_at timestamptz not null default now(), created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(), sent_at timestamptz);
create index email_outbox_due on email_outbox (status, next_at);
create index email_outbox_site on email_outbox (site_id, created_at desc);
alter table conversations add column email_seq int not null default 0;
alter table conversations add column followup_at timestamptz;
create index conversations_followup on conversations (followup_at) where followup_at is not null;
alter table agents add column email_digest boolean not null default false;
alter table agents add column digest_at timestamptz;
insert into site_secrets (site_id, purpose, secret) select id, 'email', 'emsec_' || md5(random()::text || id || clock_timestamp()::text) from sites;
`,
  },
  {
    version: 10,
    name: 'routing: teams of conversations and tickets, automatic assignment',
    // team_id is a config team id (no foreign key: teams live in the site config). last_assigned_at orders
    // round-robin across nodes; the partial index finds what waits for an agent.
    sql: `
alter table conversations add column team_id text;
alter table tickets add column team_id text;
create index conversations_team on conversations (site_id, team_id, status);
create index tickets_team on tickets (site_id, team_id);
create index conversations_waiting on conversations (site_id, created_at) where assignee_id is null and status = 'open';
create index conversations_assignee on conversations (assignee_id) where status <> 'resolved';
alter table agents add column last_assigned_at timestamptz;
`,
  },
  {
    version: 11,
    name: 'popout codes',
    // One-time, short-lived codes that hand a visitor's chat to the popout window (only their hash is stored).
    sql: `
create table popout_codes (
  code_hash text primary key, site_id text not null references sites(id) on delete cascade,
  visitor_id text not null references visitors(id) on delete cascade, expires_at timestamptz not null
);
create index popout_codes_expiry on popout_codes (expires_at);
`,
  },
  {
    version: 12,
    name: 'quality analytics: reopen counts, action plans, indexes for the quality views',
    // Reopens were not recorded (resolved_at is cleared on reopen): counted from now on.
    sql: `
alter table conversations add column reopen_count int not null default 0;
create index conversations_site_created on conversations (site_id, created_at);
create index ratings_created on ratings (created_at);
create index conversations_visitor_created on conversations (visitor_id, created_at);
create index conversations_site_resolved on conversations (site_id, resolved_at);
create table action_plans (
  id text primary key, site_id text not null references sites(id) on delete cascade, title text not null,
  owner text not null, due_date date not null, status text not null default 'open',
  conversation_ids jsonb not null default '[]', review_ids jsonb not null default '[]',
  metric text not null, scope jsonb not null, notes text, baseline jsonb not null,
  created_by text not null, created_at timestamptz not null default now(), updated_at timestamptz not null default now());
create index action_plans_site on action_plans (site_id, created_at desc);
`,
  },
  {
    version: 13,
    name: 'site members with roles per site; invite codes',
    // Every existing account becomes a member of every existing site with its account-wide role, so upgraded
    // installs keep working; from here on only membership grants anything on a site. An account without a
    // password yet (password_hash '') signs in only after redeeming its invite.
    sql: `
create table site_members (
  site_id text not null references sites(id) on delete cascade,
  agent_id text not null references agents(id) on delete cascade,
  roles text[] not null, created_at timestamptz not null default now(),
  primary key (site_id, agent_id));
create index site_members_agent on site_members (agent_id);
insert into site_members (site_id, agent_id, roles)
  select s.id, a.id, case when a.role = 'admin' then array['admin'] else array['agent'] end
  from sites s cross join agents a;
create table agent_invites (
  code_hash text primary key, agent_id text not null references agents(id) on delete cascade,
  site_id text references sites(id) on delete cascade, expires_at timestamptz not null, used_at timestamptz,
  created_at timestamptz not null default now());
`,
  },
  {
    version: 14,
    name: 'quality reviews: queue, reviews with their rubric snapshot, calibration sessions, audit',
    // A review copies the criteria it was scored against, so later rubric edits never change it.
    sql: `
create table quality_queue (
  id text primary key, site_id text not null references sites(id) on delete cascade,
  conversation_id text not null unique references conversations(id) on delete cascade,
  rubric_id text not null, reasons jsonb not null, agent_id text references agents(id) on delete set null,
  claimed_by text references agents(id) on delete set null, claimed_at timestamptz,
  status text not null default 'open', created_at timestamptz not null default now());
create index quality_queue_site on quality_queue (site_id, status, created_at);
create table quality_calibrations (
  id text primary key, site_id text not null references sites(id) on delete cascade, name text not null,
  rubric_id text not null, config_version int not null, criteria jsonb not null, conversation_ids jsonb not null,
  reviewer_ids jsonb not null, status text not null default 'open', created_by text,
  created_at timestamptz not null default now(), closed_at timestamptz);
create table quality_reviews (
  id text primary key, site_id text not null references sites(id) on delete cascade,
  conversation_id text not null references conversations(id) on delete cascade,
  agent_id text references agents(id) on delete set null, reviewer_id text references agents(id) on delete set null,
  rubric_id text not null, config_version int not null, criteria jsonb not null, scores jsonb not null, score real,
  calibration_id text references quality_calibrations(id) on delete cascade,
  status text not null default 'submitted', dispute_reason text, resolution text, resolution_note text,
  resolved_by text, created_at timestamptz not null default now(), updated_at timestamptz not null default now());
create unique index quality_reviews_once on quality_reviews (conversation_id, reviewer_id, coalesce(calibration_id, ''));
create index quality_reviews_site on quality_reviews (site_id, created_at);
create index quality_reviews_agent on quality_reviews (agent_id, created_at);
create table quality_audit (
  id serial primary key, site_id text not null references sites(id) on delete cascade, review_id text,
  calibration_id text, actor_id text, action text not null, data jsonb not null default '{}',
  created_at timestamptz not null default now());
create index quality_audit_review on quality_audit (review_id, id);
`,
  },
  {
    version: 15,
    name: 'weekly summary emails: one per site and week',
    // The primary key makes the send exactly once per site and week: a second node's insert finds the row.
    sql: `
create table weekly_summary_sends (
  site_id text not null references sites(id) on delete cascade, week date not null,
  recipients int not null, created_at timestamptz not null default now(),
  primary key (site_id, week));
`,
  },
  {
    version: 16,
    name: 'quality analytics: stored per-conversation figures and a covering index for the trends',
    // Exact medians and p90s cannot be summed from rollups, so each conversation carries its own figures, kept
    // right by the database on every write: the durations are generated from its timestamps (a reply, resolve or
    // reopen changes them), the rating's answers are copied by a trigger on ratings. Durations, not local days:
    // the site's time zone may change. The backfill is the column add (generated) and the update below.
    sql: `
alter table conversations
  add column first_response_seconds double precision
    generated always as (extract(epoch from first_response_at - created_at)) stored,
  add column resolution_seconds double precision
    generated always as (extract(epoch from resolved_at - created_at)) stored,
  add column rating_csat int, add column rating_nps int, add column rating_solved boolean;
update conversations c set rating_csat = r.csat, rating_nps = r.nps, rating_solved = r.solved
  from ratings r where r.conversation_id = c.id;
create function conversation_rating_figures() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' or (tg_op = 'UPDATE' and old.conversation_id <> new.conversation_id) then
    update conversations set rating_csat = null, rating_nps = null, rating_solved = null
      where id = old.conversation_id;
  end if;
  if tg_op <> 'DELETE' then
    update conversations set rating_csat = new.csat, rating_nps = new.nps, rating_solved = new.solved
      where id = new.conversation_id
        and (rating_csat, rating_nps, rating_solved) is distinct from (new.csat, new.nps, new.solved);
  end if;
  return null;
end $$;
create trigger ratings_figures after insert or update or delete on ratings
  for each row execute function conversation_rating_figures();
drop index conversations_site_created;
create index conversations_figures on conversations (site_id, created_at) include (first_response_seconds,
  resolution_seconds, reopen_count, rating_csat, rating_nps, rating_solved, visitor_id);
create index activity_help on activity (site_id, created_at) include (visitor_id)
  where name in ('help.search', 'help.view');
`,
  },
  {
    version: 17,
    name: 'shared storage for several nodes: upload bytes in chunks, rate-limit counters',
    // Chunks have no foreign key to uploads: the bytes are stored before the row that points at them.
    // rate_limits has the columns rate-limiter-flexible's PostgreSQL store reads and writes.
    sql: `
create table upload_chunks (
  upload_id text not null, seq int not null, data bytea not null,
  primary key (upload_id, seq));
create table rate_limits (key varchar(255) primary key, points int not null default 0, expire bigint);
create index rate_limits_expire on rate_limits (expire);
`,
  },
  {
    version: 18,
    name: 'agent connections per node, renewed by heartbeat, for presence across nodes',
    // A node that dies stops renewing its rows: once they expired (and the grace period passed) any other node
    // sets the agent offline.
    sql: `
create table agent_connections (
  agent_id text not null references agents(id) on delete cascade, node_id text not null,
  expires_at timestamptz not null, primary key (agent_id, node_id));
`,
  },
  {
    version: 19,
    name: "quality analytics: conversations per site per UTC quarter hour, and each visitor's last conversation",
    // Kept by the database in the writing transaction whichever path writes (statement triggers see a bulk insert
    // or delete at once; moves are rare, per row), filled for existing conversations here. Counts and instants
    // only: percentiles still read each conversation's figures.
    // - Hours of the day converted every conversation of the range to local time (100,000 for a busy year); a
    //   count per quarter hour converts one instant per quarter. UTC quarters, not local hours: the site's zone
    //   may change, and every zone's offset since 1980 is a whole number of quarter hours.
    // - Help-center deflection grouped every conversation of the range by visitor to find each one's last; the
    //   visitor's last conversation answers it for all but visitors with one after the range.
    sql: `
create table conversation_quarters (
  site_id text not null references sites(id) on delete cascade, quarter timestamptz not null,
  conversations int not null, primary key (site_id, quarter));
insert into conversation_quarters (site_id, quarter, conversations)
  select site_id, date_bin('15 minutes', created_at, timestamptz '2000-01-01 00:00:00+00'), count(*)::int
  from conversations group by 1, 2;
alter table visitors add column last_conversation_at timestamptz;
update visitors v set last_conversation_at = c.last
  from (select visitor_id, max(created_at) as last from conversations group by 1) c where c.visitor_id = v.id;
create function conversation_rollups_add() returns trigger language plpgsql as $$
begin
  -- Visitor rows first, then quarter rows (in key order), in every trigger: one lock order, no deadlock between them.
  update visitors v set last_conversation_at = a.last
    from (select visitor_id, max(created_at) as last from added group by 1) a
    where v.id = a.visitor_id and (v.last_conversation_at is null or v.last_conversation_at < a.last);
  insert into conversation_quarters as q (site_id, quarter, conversations)
    select site_id, date_bin('15 minutes', created_at, timestamptz '2000-01-01 00:00:00+00'), count(*)::int
    from added group by 1, 2 order by 1, 2
    on conflict (site_id, quarter) do update set conversations = q.conversations + excluded.conversations;
  return null;
end $$;
create function conversation_rollups_remove() returns trigger language plpgsql as $$
begin
  -- A stored instant newer than every removed conversation of the visitor is not one of them (a conversation
  -- committed meanwhile, which this statement's snapshot may not see): it stays.
  update visitors v set last_conversation_at = case when v.last_conversation_at > r.last then v.last_conversation_at
      else (select max(created_at) from conversations c where c.visitor_id = v.id) end
    from (select visitor_id, max(created_at) as last from removed group by 1) r
    where v.id = r.visitor_id;
  -- Count down, then drop empty quarters: two statements, so that each sees the other writers' counts (one
  -- statement choosing between delete and update decided both from one snapshot and could lose a count).
  update conversation_quarters q set conversations = q.conversations - r.n
    from (select site_id, date_bin('15 minutes', created_at, timestamptz '2000-01-01 00:00:00+00') as quarter,
        count(*)::int as n
      from removed group by 1, 2) r
    where q.site_id = r.site_id and q.quarter = r.quarter;
  delete from conversation_quarters q using removed r
    where q.site_id = r.site_id and q.conversations <= 0
      and q.quarter = date_bin('15 minutes', r.created_at, timestamptz '2000-01-01 00:00:00+00');
  return null;
end $$;
create trigger conversations_rollups_insert after insert on conversations
  referencing new table as added for each statement execute function conversation_rollups_add();
create trigger conversations_rollups_delete after delete on conversations
  referencing old table as removed for each statement execute function conversation_rollups_remove();
create function conversation_rollups_move() returns trigger language plpgsql as $$
begin
  if old.visitor_id is distinct from new.visitor_id or old.created_at is distinct from new.created_at then
    update visitors v set last_conversation_at =
        (select max(created_at) from conversations c where c.visitor_id = v.id)
      where v.id in (old.visitor_id, new.visitor_id);
  end if;
  -- A move between visitors (a merge) leaves the quarters as they are: no lock taken on them.
  if old.site_id is distinct from new.site_id or old.created_at is distinct from new.created_at then
    update conversation_quarters set conversations = conversations - 1
      where site_id = old.site_id
        and quarter = date_bin('15 minutes', old.created_at, timestamptz '2000-01-01 00:00:00+00');
    delete from conversation_quarters
      where site_id = old.site_id and conversations <= 0
        and quarter = date_bin('15 minutes', old.created_at, timestamptz '2000-01-01 00:00:00+00');
    insert into conversation_quarters as q (site_id, quarter, conversations)
      values (new.site_id, date_bin('15 minutes', new.created_at, timestamptz '2000-01-01 00:00:00+00'), 1)
      on conflict (site_id, quarter) do update set conversations = q.conversations + 1;
  end if;
  return null;
end $$;
create trigger conversations_rollups_update after update of site_id, visitor_id, created_at on conversations
  for each row when (old.site_id is distinct from new.site_id or old.visitor_id is distinct from new.visitor_id
    or old.created_at is distinct from new.created_at)
  execute function conversation_rollups_move();
`,
  },
];

/**
 * Run `fn` in one transaction holding the advisory lock `name` (scoped to the current schema) on PostgreSQL, so
 * that nodes starting together take turns: the second waits for the first to commit, then sees its work. The
 * embedded database is one process: a plain transaction.
 */
export async function underStartLock<T>(db: Database, name: string, fn: (tx: Sql) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres')
      await tx.query("select pg_advisory_xact_lock(hashtext($1 || ':' || coalesce(current_schema(), '')))", [
        `frontdesk:${name}`,
      ]);
    return fn(tx);
  });
}

/**
 * Apply every migration newer than the database's version, all in one transaction under the start lock: a node
 * that starts while another migrates waits, then finds nothing left to do; a kill leaves no half-applied step.
 */
export async function migrate(db: Database, until = Number.POSITIVE_INFINITY): Promise<number[]> {
  return underStartLock(db, 'migrate', async (tx) => {
    await tx.query(
      'create table if not exists schema_migrations (version int primary key, name text not null, applied_at timestamptz not null default now())',
    );
    const done = new Set(
      (await tx.query<{ version: number }>('select version from schema_migrations')).map((r) => r.version),
    );
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version) || migration.version > until) continue;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}

// Statements end with ";" at a line end, except inside a dollar-quoted body (a trigger function's), which is
// kept whole.
function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  for (const part of sql.split(/(?<=;)\s*\n/)) {
    current = current ? `${current}\n${part}` : part;
    // An odd number of "$$" so far: still inside a body.
    if ((current.match(/\$\$/g)?.length ?? 0) % 2 === 0) {
      statements.push(current);
      current = '';
    }
  }
  if (current) statements.push(current);
  return statements.map((s) => s.trim().replace(/;$/, '')).filter(Boolean);
}
