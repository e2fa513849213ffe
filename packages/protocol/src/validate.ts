import * as v from 'valibot';

/** One problem found in an input: where, what was expected, what was found. */
export interface Issue {
  /** Dotted path to the offending value, e.g. `theme.brandColor` or `forms[1].fields[0].type`; `` for the root. */
  path: string;
  /** What the schema expected, in words or as a type, e.g. `"light" | "dark" | "auto"`. */
  expected: string;
  /** What was found, printed compactly (strings quoted, objects abbreviated). */
  received: string;
  /** One human sentence naming path, expectation and finding. */
  message: string;
  /** How to fix it, when that is obvious, e.g. `did you mean "brandColor"?` (also appended to `message`). */
  suggestion?: string;
}

/** Result of checking an input: either the typed value or every issue found. */
export type CheckResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** Print a value briefly for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** Join a path of keys into `a.b[0].c`. */
export function formatPath(keys: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

type AnyIssue = v.BaseIssue<unknown>;

/** `prefix` and an inner path joined: `body` + `theme.x` → `body.theme.x`, `body` + `[0]` → `body[0]`. */
function joinPath(prefix: string, inner: string): string {
  if (!prefix || !inner) return prefix || inner;
  return inner.startsWith('[') ? prefix + inner : `${prefix}.${inner}`;
}

/** Re-root issues found in a nested value (e.g. a config inside a request body) under `prefix`. */
export function underPrefix(issues: Issue[], prefix: string): Issue[] {
  return issues.map((issue) => {
    const path = joinPath(prefix, issue.path);
    // Messages begin with their path (or "value" at the root); say the new one instead.
    return { ...issue, path, message: path + issue.message.slice((issue.path || 'value').length) };
  });
}

const PLAIN: Record<string, string> = {
  Object: 'an object',
  Array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

function toIssue(issue: AnyIssue, prefix: string): Issue {
  const keys = (issue.path ?? []).map((item) => item.key as PropertyKey);
  const inner = formatPath(keys);
  const path = joinPath(prefix, inner);
  const where = path || 'value';
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    return {
      path,
      expected: 'a known key',
      received: `unknown key "${String(keys.at(-1))}"`,
      message: `${where}: unknown key`,
    };
  }
  // Our schemas carry their expectation as the message ("a hex colour like #1a73e8"); valibot's defaults begin
  // with "Invalid" and then the raw `expected` is clearer.
  const custom = !issue.message.startsWith('Invalid ');
  const raw = issue.expected ?? 'a valid value';
  const expected = custom ? issue.message : (PLAIN[raw] ?? raw);
  const received = describeValue(issue.input);
  const whole = typeof issue.input === 'object' && issue.input !== null && !Array.isArray(issue.input);
  const found = whole && issue.kind === 'validation' ? '' : `, found ${received}`;
  return { path, expected, received, message: `${where}: expected ${expected}${found}` };
}

/**
 * Check `input` against a schema and collect every issue (not only the first).
 * `prefix` is prepended to paths, e.g. `body` or the name of a config file.
 */
export function check<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  prefix = '',
): CheckResult<v.InferOutput<S>> {
  const result = v.safeParse(schema, input, { abortEarly: false });
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, issues: dedupe(result.issues.map((issue) => toIssue(issue, prefix))) };
}

// A union that fails reports one issue per branch at the same path; keep one line per path and finding.
function dedupe(issues: Issue[]): Issue[] {
  const seen = new Map<string, Issue>();
  for (const issue of issues) {
    const key = `${issue.path}\u0000${issue.received}`;
    const prior = seen.get(key);
    if (!prior) seen.set(key, issue);
    else if (prior.expected !== issue.expected && !prior.expected.includes(issue.expected)) {
      prior.expected = `${prior.expected} | ${issue.expected}`;
      prior.message = `${prior.path || 'value'}: expected ${prior.expected}, found ${prior.received}`;
    }
  }
  return [...seen.values()];
}

/** Thrown by {@link parse}: carries every issue; its message lists them one per line. */
export class SchemaError extends Error {
  override readonly name = 'SchemaError' as const;
  constructor(readonly issues: Issue[]) {
    super(issues.map((issue) => issue.message).join('\n'));
  }
}

/** Like {@link check} but returns the value or throws a {@link SchemaError}. */
export function parse<S extends v.GenericSchema>(schema: S, input: unknown, prefix = ''): v.InferOutput<S> {
  const result = check(schema, input, prefix);
  if (!result.ok) throw new SchemaError(result.issues);
  return result.value;
}
