import {
  type Author,
  localize,
  PROACTIVE_EVENTS,
  ProactiveEventDataSchema,
  type ProactiveRef,
} from '@frontdesk/protocol';
import type { Sql } from '../db/database';
import { ApiError } from '../http/errors';
import { validate } from '../http/validate';
import type { Site } from './sites';

/** Analytics id of text a page showed with `showMessage` (not a configured message). */
export const PAGE_MESSAGE_ID = 'page';

function unknownId(path: string, id: string, site: Site): ApiError {
  const known = site.config.proactive.map((m) => m.id);
  const expected = known.length
    ? `the id of a proactive message (${known.join(', ')})`
    : 'a proactive message id';
  const message = `${path}: expected ${expected}, found ${JSON.stringify(id)}`;
  return new ApiError('validation_failed', `Invalid request: ${message}`, [
    { path, expected, received: JSON.stringify(id), message },
  ]);
}

/**
 * The first message of a conversation started from a proactive message, taken from the site's config (never from
 * the browser) in the visitor's locale; `showMessage` text is the page's, so it is stored as the bot's.
 */
export function proactiveFirstMessage(
  site: Site,
  ref: ProactiveRef,
  locale: string | null,
): { id: string; author: Author; text: string } {
  const config = site.config;
  const botAuthor: Author = {
    kind: 'bot',
    id: null,
    name: config.bot.name,
    avatarUrl: config.bot.avatar ?? null,
  };
  if (ref.text !== undefined) return { id: PAGE_MESSAGE_ID, author: botAuthor, text: ref.text };
  const found = config.proactive.find((m) => m.id === ref.id);
  if (!found) throw unknownId('body.proactive.id', ref.id ?? '', site);
  const from = found.from;
  const author: Author = from.agent
    ? {
        kind: 'agent',
        id: null,
        name: from.agent,
        avatarUrl: from.avatarUrl ?? config.theme.avatarUrl ?? null,
      }
    : { ...botAuthor, avatarUrl: from.avatarUrl ?? botAuthor.avatarUrl };
  return {
    id: found.id,
    author,
    text: localize(found.text, locale ?? config.locales.default, config.locales.default),
  };
}

/** Is this tracked event one of the widget's own proactive counts? */
export const isProactiveEvent = (name: string): boolean => name.startsWith('proactive.');

/**
 * Validate a `proactive.*` tracked event (a known name, `{ id }` of a configured message or `page`) and return
 * the activity row's name and data. Anything else under `proactive.` is refused: the counts stay trustworthy.
 */
export function proactiveActivity(
  site: Site,
  name: string,
  data: unknown,
): { name: string; data: { id: string } } {
  if (!(PROACTIVE_EVENTS as readonly string[]).includes(name)) {
    const expected = `one of ${PROACTIVE_EVENTS.join(', ')} (names under "proactive." are reserved)`;
    const message = `body.name: expected ${expected}, found ${JSON.stringify(name)}`;
    throw new ApiError('validation_failed', `Invalid request: ${message}`, [
      { path: 'body.name', expected, received: JSON.stringify(name), message },
    ]);
  }
  const parsed = validate(ProactiveEventDataSchema, data ?? {}, 'body.data');
  if (parsed.id !== PAGE_MESSAGE_ID && !site.config.proactive.some((m) => m.id === parsed.id))
    throw unknownId('body.data.id', parsed.id, site);
  return { name, data: parsed };
}

/** Record a proactive count (shown, clicked, dismissed, replied) for analytics. */
export async function recordProactive(
  db: Sql,
  siteId: string,
  visitorId: string,
  name: string,
  id: string,
): Promise<void> {
  await db.query('insert into activity (site_id, visitor_id, name, data) values ($1, $2, $3, $4)', [
    siteId,
    visitorId,
    name,
    JSON.stringify({ id }),
  ]);
}
