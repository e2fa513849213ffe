import { type CheckResult, check, underPrefix } from '@frontdesk/protocol';
import type { Context } from 'hono';
import type * as v from 'valibot';
import { ApiError } from './errors';

/** Parse the JSON body and check it against a protocol schema; a 400 naming every bad path otherwise. */
export async function readBody<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/json'))
    throw new ApiError(
      'unsupported_media_type',
      'Send the body as JSON with "Content-Type: application/json".',
    );
  let input: unknown;
  try {
    input = JSON.parse(await c.req.text());
  } catch {
    throw new ApiError('validation_failed', 'The body is not valid JSON.', [
      {
        path: 'body',
        expected: 'JSON',
        received: 'malformed JSON',
        message: 'body: expected JSON, found malformed JSON',
      },
    ]);
  }
  const nul = nulPath(input, 'body');
  // PostgreSQL cannot store NUL in text or JSON: refuse it here, naming where it was.
  if (nul)
    throw new ApiError('validation_failed', `Invalid request: ${nul} contains a NUL character.`, [
      {
        path: nul,
        expected: 'text without NUL characters',
        received: 'a NUL character (\\u0000)',
        message: `${nul}: expected text without NUL characters, found a NUL character (\\u0000)`,
      },
    ]);
  return validate(schema, input, 'body');
}

/** The path of the first string or key holding a NUL character, or null. */
function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\0') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes('\0')) return path;
      const found = nulPath(inner, `${path}.${key}`);
      if (found) return found;
    }
  return null;
}

/** The value of a check done elsewhere (e.g. `validateConfig`), or a 400 naming every bad path under `prefix`. */
export function valueOr400<T>(result: CheckResult<T>, prefix: string): T {
  if (result.ok) return result.value;
  const issues = underPrefix(result.issues, prefix);
  throw new ApiError(
    'validation_failed',
    `Invalid request: ${issues[0]?.message ?? 'invalid input'}`,
    issues,
  );
}

/** Check a value (query, params, frame) against a schema; a 400 naming every bad path otherwise. */
export function validate<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  prefix: string,
): v.InferOutput<S> {
  const result = check(schema, input, prefix);
  if (!result.ok) {
    const first = result.issues[0]?.message ?? 'invalid input';
    throw new ApiError('validation_failed', `Invalid request: ${first}`, result.issues);
  }
  return result.value;
}

/** A non-negative integer query parameter (`name`), or `fallback` when absent; a 400 when malformed. */
export function intQuery(c: Context, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    const expected = `a whole number from 0 to ${max}`;
    const received = JSON.stringify(raw);
    throw new ApiError('validation_failed', `Invalid request: query.${name}: expected ${expected}`, [
      {
        path: `query.${name}`,
        expected,
        received,
        message: `query.${name}: expected ${expected}, found ${received}`,
      },
    ]);
  }
  return n;
}
