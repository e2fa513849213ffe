import { type CheckResult, check, underPrefix } from '@frontdesk/protocol';
import type { Context } from 'hono';
import type * as v from 'valibot';
import { ApiError } from './errors';
import { JsonInputError, parseJsonInput } from './jsonInput';

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
    input = parseJsonInput(await c.req.text(), 'body');
  } catch (error) {
    if (!(error instanceof JsonInputError)) throw error;
    throw new ApiError('validation_failed', `Invalid request: ${error.issue.message}`, [error.issue]);
  }
  return validate(schema, input, 'body');
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

// Counters and sequence numbers are PostgreSQL `int`: larger values cannot name anything stored.
const INT4_MAX = 2_147_483_647;

/** A non-negative integer query parameter (`name`), or `fallback` when absent; a 400 when malformed. */
export function intQuery(c: Context, name: string, fallback: number, max = INT4_MAX): number {
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
