import type * as v from 'valibot';
import { type SiteConfig, SiteConfigSchema } from './config';
import { proactiveIssues } from './proactiveRules';
import { qualityIssues } from './qualityRules';
import { routingIssues } from './routingRules';
import { closest, issue } from './suggest';
import { missingTranslations } from './translations';
import type { CheckResult, Issue } from './validate';
import { check, describeValue, formatPath } from './validate';

// Rules the schema alone cannot express: names that must exist elsewhere in the config, intervals that must not
// overlap, and a suggestion wherever the fix is obvious. Shared by the CLI, the console and the server.

export { closest, editDistance } from './suggest';

type AnySchema = v.GenericSchema & {
  type: string;
  wrapped?: AnySchema;
  entries?: Record<string, AnySchema>;
  item?: AnySchema;
  value?: AnySchema;
  items?: AnySchema[];
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Report every key the schema does not know (strict or not), with the closest known key. */
function unknownKeys(schema: AnySchema, value: unknown, keys: PropertyKey[], out: Issue[]): void {
  let s = schema;
  while ((s.type === 'optional' || s.type === 'nullable' || s.type === 'nullish') && s.wrapped) s = s.wrapped;
  if (s.entries && isRecord(value)) {
    const known = Object.keys(s.entries);
    for (const [key, inner] of Object.entries(value)) {
      const entry = s.entries[key];
      if (entry) {
        unknownKeys(entry, inner, [...keys, key], out);
        continue;
      }
      const near = closest(key, known);
      out.push(
        issue(
          formatPath([...keys, key]),
          'a known key',
          `unknown key "${key}"`,
          near ? `did you mean "${near}"?` : `known keys here: ${known.join(', ')}`,
        ),
      );
    }
  } else if (s.item && Array.isArray(value)) {
    value.forEach((item, i) => {
      if (s.item) unknownKeys(s.item, item, [...keys, i], out);
    });
  } else if (s.type === 'record' && s.value && isRecord(value)) {
    for (const [key, inner] of Object.entries(value))
      if (s.value) unknownKeys(s.value, inner, [...keys, key], out);
  }
}

let zones: string[] | undefined;
function timeZones(): string[] {
  zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones;
}

// Country codes people write where a language is meant.
const LANGUAGE_FIXES: Record<string, string> = {
  cz: 'cs',
  gr: 'el',
  jp: 'ja',
  cn: 'zh',
  kr: 'ko',
  dk: 'da',
  se: 'sv',
  ua: 'uk',
  ee: 'et',
  si: 'sl',
  rs: 'sr',
  br: 'pt-BR',
  us: 'en-US',
  gb: 'en-GB',
  uk: 'uk',
  at: 'de-AT',
  ch: 'de-CH',
  il: 'he',
  ir: 'fa',
  vn: 'vi',
  by: 'be',
  al: 'sq',
  no: 'nb',
};

let languageNames: Intl.DisplayNames | undefined;
/** Is the language part of `tag` a real language (e.g. `cs`, not `cz`)? */
export function isKnownLocale(tag: string): boolean {
  try {
    const locale = new Intl.Locale(tag);
    languageNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    const name = languageNames.of(locale.language);
    return name !== undefined && name !== locale.language;
  } catch {
    return false;
  }
}

const LOCALE_SHAPE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

function localeIssue(path: string, tag: unknown, out: Issue[]): void {
  if (typeof tag !== 'string' || !LOCALE_SHAPE.test(tag) || isKnownLocale(tag)) return;
  const language = tag.split('-')[0] ?? tag;
  const fix = LANGUAGE_FIXES[language];
  out.push(
    issue(
      path,
      'a known language code (ISO 639) like "en" or "cs"',
      JSON.stringify(tag),
      fix && fix !== language ? `did you mean "${fix}"?` : undefined,
    ),
  );
}

function minutes(time: unknown): number | undefined {
  if (typeof time !== 'string') return undefined;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function hoursIssues(hours: unknown, out: Issue[]): void {
  if (!isRecord(hours)) return;
  const zone = hours.timeZone;
  if (typeof zone === 'string' && timeZones().length > 0) {
    // The schema reports the zone; add the suggestion to its issue.
    const near = closest(zone, timeZones());
    const existing = out.find((i) => i.path === 'businessHours.timeZone');
    if (existing && near) {
      existing.suggestion = `did you mean "${near}"?`;
      existing.message = `${existing.message}; ${existing.suggestion}`;
    }
  }
  const week = hours.week;
  if (!isRecord(week)) return;
  for (const day of DAYS) {
    const intervals = week[day];
    if (!Array.isArray(intervals)) continue;
    const seen: Array<{ index: number; start: number; end: number; text: string }> = [];
    intervals.forEach((pair, index) => {
      if (!Array.isArray(pair)) return;
      const start = minutes(pair[0]);
      const end = minutes(pair[1]);
      if (start === undefined || end === undefined) return;
      const path = `businessHours.week.${day}[${index}]`;
      const text = `${pair[0]}–${pair[1]}`;
      if (end <= start) {
        out.push(
          issue(
            path,
            'an interval whose end is after its start',
            `"${text}"`,
            end === 0 ? 'write midnight as "23:59"' : undefined,
          ),
        );
        return;
      }
      const clash = seen.find((other) => start < other.end && other.start < end);
      if (clash)
        out.push(
          issue(
            path,
            `an interval that does not overlap ${day}[${clash.index}] (${clash.text})`,
            `"${text}"`,
            'merge the two intervals into one',
          ),
        );
      seen.push({ index, start, end, text });
    });
  }
}

function formIssues(config: Record<string, unknown>, out: Issue[]): void {
  const forms = Array.isArray(config.forms) ? config.forms : [];
  const ids: string[] = [];
  forms.forEach((form, i) => {
    if (!isRecord(form)) return;
    if (typeof form.id === 'string') {
      if (ids.includes(form.id))
        out.push(
          issue(
            `forms[${i}].id`,
            `a form id not used by forms[${ids.indexOf(form.id)}]`,
            JSON.stringify(form.id),
          ),
        );
      ids.push(form.id);
    }
    const fields = Array.isArray(form.fields) ? form.fields : [];
    const names: string[] = [];
    fields.forEach((field, j) => {
      if (!isRecord(field)) return;
      const path = `forms[${i}].fields[${j}]`;
      if (typeof field.name === 'string') {
        const prior = names.indexOf(field.name);
        if (prior >= 0)
          out.push(
            issue(
              `${path}.name`,
              `a field name not used by fields[${prior}] of the same form`,
              JSON.stringify(field.name),
              'give each field of a form its own name',
            ),
          );
        names.push(field.name);
      }
      const choice = field.type === 'select' || field.type === 'multiselect';
      if (choice && (!Array.isArray(field.options) || field.options.length === 0))
        out.push(
          issue(
            `${path}.options`,
            `at least one option for a ${field.type} field`,
            describeValue(field.options),
          ),
        );
      if (typeof field.min === 'number' && typeof field.max === 'number' && field.min > field.max)
        out.push(issue(`${path}.max`, `a number of at least min (${field.min})`, String(field.max)));
    });
  });
  const refs: Array<[string, unknown]> = [['preChatFormId', config.preChatFormId]];
  const channels = isRecord(config.channels) ? config.channels : {};
  if (isRecord(channels.email)) refs.push(['channels.email.formId', channels.email.formId]);
  if (isRecord(channels.phone)) refs.push(['channels.phone.callbackFormId', channels.phone.callbackFormId]);
  for (const [path, ref] of refs) {
    if (typeof ref !== 'string' || ids.includes(ref)) continue;
    const near = closest(ref, ids);
    out.push(
      issue(
        path,
        ids.length ? `the id of a form in forms (${ids.join(', ')})` : 'the id of a form defined in forms',
        JSON.stringify(ref),
        near ? `did you mean "${near}"?` : `add a form with id "${ref}" to forms`,
      ),
    );
  }
}

function localeRules(config: Record<string, unknown>, out: Issue[]): void {
  const locales = isRecord(config.locales) ? config.locales : {};
  const enabled = Array.isArray(locales.enabled) ? locales.enabled : undefined;
  enabled?.forEach((tag, i) => {
    localeIssue(`locales.enabled[${i}]`, tag, out);
  });
  localeIssue('locales.default', locales.default, out);
  const list = enabled ?? ['en'];
  const def = locales.default ?? 'en';
  const shaped = list.every((tag) => typeof tag === 'string' && LOCALE_SHAPE.test(tag));
  if (typeof def === 'string' && shaped && LOCALE_SHAPE.test(def) && !list.includes(def))
    out.push(
      issue(
        'locales.default',
        `one of the enabled locales (${list.join(', ')})`,
        JSON.stringify(def),
        `add "${def}" to locales.enabled`,
      ),
    );
  if (isRecord(config.texts))
    for (const tag of Object.keys(config.texts)) {
      localeIssue(`texts.${tag}`, tag, out);
      if (LOCALE_SHAPE.test(tag) && isKnownLocale(tag) && !list.includes(tag))
        out.push(
          issue(
            `texts.${tag}`,
            `texts for an enabled locale (${list.join(', ')})`,
            JSON.stringify(tag),
            `add "${tag}" to locales.enabled or remove these texts`,
          ),
        );
    }
}

/** Deepest nesting a site config may have (its deepest setting, a form field option's label, is 8 down). */
export const MAX_CONFIG_DEPTH = 16;

/** The first place nested deeper than {@link MAX_CONFIG_DEPTH}, found without recursion; null when none. */
function depthIssue(input: unknown): Issue | null {
  const stack: Array<[unknown, string, number]> = [[input, '', 0]];
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop()!;
    if (depth > MAX_CONFIG_DEPTH)
      return issue(path, `a config nested at most ${MAX_CONFIG_DEPTH} levels deep`, 'deeper nesting');
    if (Array.isArray(value))
      for (const [i, item] of value.entries()) stack.push([item, `${path}[${i}]`, depth + 1]);
    else if (isRecord(value))
      for (const [key, inner] of Object.entries(value))
        stack.push([inner, path ? `${path}.${key}` : key, depth + 1]);
  }
  return null;
}

/** Result of {@link validateConfig}: issues may carry a `suggestion`. */
/** The check's result; a valid config comes with `warnings` (e.g. texts missing a translation of an enabled locale). */
export type ConfigCheckResult = CheckResult<SiteConfig> & { warnings?: Issue[] };

/**
 * Check a site config completely: the schema, then the rules across fields (unknown keys with the closest known
 * key, unknown locales, time zones, overlapping business hours, forms referenced but not defined, duplicate form
 * ids and field names). Returns every issue at once, in the order they appear in the config.
 */
export function validateConfig(input: unknown): ConfigCheckResult {
  // Refused before any other rule: every later walk is then bounded by this depth, so the whole check is linear.
  const deep = depthIssue(input);
  if (deep) return { ok: false, issues: [deep] };
  const schema = check(SiteConfigSchema, input);
  const out: Issue[] = [];
  unknownKeys(SiteConfigSchema as unknown as AnySchema, input, [], out);
  // The walk above reports unknown keys with suggestions; drop the schema's plainer duplicates.
  if (!schema.ok)
    for (const found of schema.issues) {
      if (found.expected === 'a known key') continue;
      // valibot names a missing key as its quoted name; say what is wrong instead.
      if (found.received === 'nothing' && /^"[^"]+"$/.test(found.expected))
        out.push(issue(found.path, 'a value (the key is required)', 'nothing'));
      else out.push(found);
    }
  if (isRecord(input)) {
    localeRules(input, out);
    hoursIssues(input.businessHours, out);
    formIssues(input, out);
    routingIssues(input, out);
    proactiveIssues(input, out);
    qualityIssues(input, out);
  }
  if (out.length === 0 && schema.ok) return { ...schema, warnings: missingTranslations(input) };
  return { ok: false, issues: order(out, input) };
}

// Sort issues by where their path first appears in the input, so a long list reads top to bottom.
function order(issues: Issue[], input: unknown): Issue[] {
  const positions = new Map<string, number>();
  let n = 0;
  const walk = (value: unknown, keys: PropertyKey[]) => {
    positions.set(formatPath(keys), n++);
    if (Array.isArray(value))
      value.forEach((item, i) => {
        walk(item, [...keys, i]);
      });
    else if (isRecord(value)) for (const [k, inner] of Object.entries(value)) walk(inner, [...keys, k]);
  };
  walk(input, []);
  const rank = (path: string): number => {
    let p = path;
    while (p) {
      const found = positions.get(p);
      if (found !== undefined) return found;
      const parent = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      if (parent === p) break;
      p = parent;
    }
    return positions.get('') ?? 0;
  };
  return issues
    .map((issue, index) => ({ issue, index, rank: rank(issue.path) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((x) => x.issue);
}
