import { type Channel, closest, type Issue, type RoutingRule, type SiteConfig } from '@frontdesk/protocol';
import type { Sql } from '../db/database';

/** What is known of a new conversation or ticket when it is routed. */
export interface Topic {
  channel: Channel;
  /** The form of a ticket (null for a chat). */
  formId: string | null;
  /** A ticket's answers by field name. */
  values: Record<string, unknown>;
  /** The page it started on. */
  pageUrl: string | null;
  /** The visitor's language, e.g. `cs-CZ`. */
  language: string | null;
  /** The visitor's attributes; a chat's pre-chat answers are stored here by field name. */
  attributes: Record<string, unknown>;
  /** The conversation's fields and tags (set by the site before it started); none for a ticket. */
  fields: Record<string, unknown>;
  tags: string[];
}

type Conditions = Omit<RoutingRule, 'team'>;

// One matcher per condition a rule may name; the mapped type makes a new schema condition fail to compile until
// it has its line here.
const MATCHERS: { [K in keyof Conditions]-?: (want: NonNullable<Conditions[K]>, topic: Topic) => boolean } = {
  formId: (ids, t) => t.formId !== null && ids.includes(t.formId),
  field: (want, t) => answers(want.equals, t.values[want.name] ?? t.attributes[want.name]),
  page: (patterns, t) => t.pageUrl !== null && patterns.some((p) => wildcardMatch(p, t.pageUrl!)),
  language: (tags, t) => {
    const lang = t.language?.toLowerCase();
    return (
      !!lang && tags.some((tag) => lang === tag.toLowerCase() || lang.startsWith(`${tag.toLowerCase()}-`))
    );
  },
  attribute: (want, t) => answers(want.equals, t.attributes[want.name]),
  channel: (channels, t) => channels.includes(t.channel),
  conversationField: (want, t) => answers(want.equals, t.fields[want.name]),
  tags: (want, t) => want.some((tag) => t.tags.includes(tag)),
};

/** Does a value (or one item of a multiselect answer) equal one of `wanted`? Text compares without case. */
function answers(wanted: ReadonlyArray<string | number | boolean>, value: unknown): boolean {
  const given = Array.isArray(value) ? value : [value];
  const norm = (x: unknown) => (typeof x === 'string' ? x.trim().toLowerCase() : x);
  return given.some((g) => wanted.some((w) => norm(w) === norm(g)));
}

/**
 * `*` stands for any text (case-insensitive). Iterative with one backtrack point, so the time is at most
 * pattern × text whatever the pattern: a regular expression built from it could backtrack exponentially.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const s = text.toLowerCase();
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (i < s.length) {
    if (j < p.length && p[j] !== '*' && p[j] === s[i]) {
      i++;
      j++;
    } else if (j < p.length && p[j] === '*') {
      star = j++;
      mark = i;
    } else if (star >= 0) {
      j = star + 1;
      i = ++mark;
    } else return false;
  }
  while (j < p.length && p[j] === '*') j++;
  return j === p.length;
}

/** Does every condition `rule` names hold for `topic`? */
export function ruleMatches(rule: RoutingRule, topic: Topic): boolean {
  return (Object.keys(MATCHERS) as Array<keyof Conditions>).every((key) => {
    const want = rule[key];
    if (want === undefined) return true;
    return (MATCHERS[key] as (w: unknown, t: Topic) => boolean)(want, topic);
  });
}

/** The team of a new conversation or ticket: the first matching rule's, else the default; null when neither. */
export function routeTeam(config: SiteConfig, topic: Topic): string | null {
  const known = new Set(config.teams.map((t) => t.id));
  const rule = config.routing.rules.find((r) => ruleMatches(r, topic));
  const team = rule?.team ?? config.routing.defaultTeam ?? null;
  return team !== null && known.has(team) ? team : null;
}

/** Does this site route at all (any rule or a default team)? Saves the visitor look-up when not. */
export function routes(config: SiteConfig): boolean {
  return config.routing.rules.length > 0 || config.routing.defaultTeam !== undefined;
}

/** The topic of a new conversation or ticket, completed with the visitor's language, attributes and page. */
export async function topicOf(
  tx: Sql,
  visitorId: string,
  known: {
    channel: Channel;
    formId?: string;
    values?: Record<string, unknown>;
    pageUrl?: string;
    fields?: Record<string, unknown>;
    tags?: string[];
  },
): Promise<Topic> {
  const rows = await tx.query<{ locale: string | null; attributes: unknown; page: { url?: string } | null }>(
    'select locale, attributes, page from visitors where id = $1',
    [visitorId],
  );
  const visitor = rows[0];
  const attributes = visitor?.attributes;
  return {
    channel: known.channel,
    formId: known.formId ?? null,
    values: known.values ?? {},
    pageUrl: known.pageUrl ?? visitor?.page?.url ?? null,
    language: visitor?.locale ?? null,
    attributes:
      typeof attributes === 'object' && attributes !== null ? (attributes as Record<string, unknown>) : {},
    fields: known.fields ?? {},
    tags: known.tags ?? [],
  };
}

/**
 * Warnings for a config about to be published: team members (`teams[i].agents[j]`) and `routing.agentCapacity`
 * keys that name no agent account, with the closest account's email. Warnings, not errors: the account may be
 * created after the config.
 */
export async function teamWarnings(db: Sql, config: SiteConfig): Promise<Issue[]> {
  const named = [...config.teams.flatMap((t) => t.agents), ...Object.keys(config.routing.agentCapacity)];
  if (named.length === 0) return [];
  const rows = await db.query<{ email: string }>('select email from agents order by email');
  const emails = rows.map((r) => r.email);
  const out: Issue[] = [];
  const warn = (path: string, email: string) => {
    if (emails.includes(email)) return;
    const near = closest(email, emails);
    const suggestion = near ? `did you mean "${near}"?` : 'create the agent account, or remove the email';
    out.push({
      path,
      expected: 'the email of an agent account',
      received: JSON.stringify(email),
      suggestion,
      message: `${path}: expected the email of an agent account, found ${JSON.stringify(email)}; ${suggestion}`,
    });
  };
  config.teams.forEach((team, i) => {
    team.agents.forEach((email, j) => {
      warn(`teams[${i}].agents[${j}]`, email);
    });
  });
  for (const email of Object.keys(config.routing.agentCapacity))
    warn(`routing.agentCapacity.${email}`, email);
  return out;
}
