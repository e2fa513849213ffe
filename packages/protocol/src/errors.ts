import * as v from 'valibot';

/** Stable error codes of the protocol. Clients branch on these, never on messages. */
export const ERROR_CODES = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'origin_not_allowed',
  'network',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** HTTP status for each error code. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  origin_not_allowed: 403,
  rate_limited: 429,
  network: 503,
  internal: 500,
};

export const IssueSchema = v.object({
  path: v.string(),
  expected: v.string(),
  received: v.string(),
  message: v.string(),
  suggestion: v.optional(v.string()),
});

/** Every error response body: `{ error: { code, message, issues?, retryAfter? } }`. */
export const ErrorBodySchema = v.object({
  error: v.object({
    code: v.picklist(ERROR_CODES),
    /** A human sentence: what happened and what to do. */
    message: v.string(),
    /** For `validation_failed`: every problem, each naming its path. */
    issues: v.optional(v.array(IssueSchema)),
    /** For `rate_limited`: seconds to wait (also sent as the `Retry-After` header). */
    retryAfter: v.optional(v.number()),
  }),
});
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;
