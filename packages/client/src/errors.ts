import type { ErrorCode, Issue } from '@frontdesk/protocol';

/** What a caller should do about each code; appended to messages that do not say it already. */
const HINTS: Partial<Record<ErrorCode, string>> = {
  network: 'Offline or unreachable: the client retries by itself.',
  unauthorized: 'The session expired: call reset() or identify() again.',
  forbidden: 'Not allowed for this visitor.',
  origin_not_allowed: "Add this page's origin to the site's allowedOrigins.",
  validation_failed: 'Fix the listed fields and retry.',
  not_found: 'It does not exist or is not visible to this visitor.',
  conflict: 'It changed meanwhile: reload and retry.',
  rate_limited: 'Too many requests: wait and retry.',
};

/** Fields of a {@link FrontdeskError}. */
export interface FrontdeskErrorInit {
  code: ErrorCode;
  message?: string;
  status?: number;
  issues?: Issue[];
  retryAfter?: number;
  cause?: unknown;
}

/** Every error of the client and its backends. Branch on `code` (stable), never on `message`. */
export class FrontdeskError extends Error {
  override readonly name: string = 'FrontdeskError';
  // Set in the constructor: `declare`d, since an ES2022 field without a value is emitted (bytes in every bundle).
  declare readonly code: ErrorCode;
  /** HTTP status, when the error came from an HTTP answer. */
  declare readonly status: number | undefined;
  /** For `validation_failed`: each problem, naming its path, what was expected and what was found. */
  declare readonly issues: Issue[];
  /** For `rate_limited`: seconds to wait before retrying. */
  declare readonly retryAfter: number | undefined;
  constructor(init: FrontdeskErrorInit) {
    const hint = HINTS[init.code];
    super(
      init.message
        ? hint && !init.message.includes(hint)
          ? `${init.message} ${hint}`
          : init.message
        : (hint ?? init.code),
      {
        cause: init.cause,
      },
    );
    this.code = init.code;
    this.status = init.status;
    this.issues = init.issues ?? [];
    this.retryAfter = init.retryAfter;
  }
}

/** The backend could not be reached (offline, timeout, connection dropped). Safe to retry. */
export class NetworkError extends FrontdeskError {
  override readonly name = 'NetworkError' as const;
}
/** The session or identity is not accepted (`unauthorized`, `forbidden`, `origin_not_allowed`). */
export class AuthError extends FrontdeskError {
  override readonly name = 'AuthError' as const;
}
/** The input was refused; `issues` lists every problem. Retrying the same input fails again. */
export class ValidationError extends FrontdeskError {
  override readonly name = 'ValidationError' as const;
}
/** Too many requests; wait `retryAfter` seconds. */
export class RateLimitedError extends FrontdeskError {
  override readonly name = 'RateLimitedError' as const;
}
/** The conversation, article or form does not exist (or belongs to someone else). */
export class NotFoundError extends FrontdeskError {
  override readonly name = 'NotFoundError' as const;
}
/** A state conflict, e.g. rating a conversation twice with different client ids. */
export class ConflictError extends FrontdeskError {
  override readonly name = 'ConflictError' as const;
}

/** The `name` of every class above. */
const NAMES = /^(Frontdesk|Network|Auth|Validation|RateLimited|NotFound|Conflict)Error$/;

/** Is `error` a Frontdesk error (optionally with this code)? Compares by name, so it works across bundles. */
export function isFrontdeskError(error: unknown, code?: ErrorCode): error is FrontdeskError {
  // Name and shape: other libraries have a "NetworkError" too (ky, the DOM).
  return (
    error instanceof Error &&
    NAMES.test(error.name) &&
    Array.isArray((error as FrontdeskError).issues) &&
    (code === undefined || (error as FrontdeskError).code === code)
  );
}

const CLASSES: Partial<Record<ErrorCode, typeof FrontdeskError>> = {
  network: NetworkError,
  unauthorized: AuthError,
  forbidden: AuthError,
  origin_not_allowed: AuthError,
  validation_failed: ValidationError,
  payload_too_large: ValidationError,
  unsupported_media_type: ValidationError,
  rate_limited: RateLimitedError,
  not_found: NotFoundError,
  conflict: ConflictError,
};

/** The right error class for a protocol error code. */
export function toFrontdeskError(init: FrontdeskErrorInit): FrontdeskError {
  return new (CLASSES[init.code] ?? FrontdeskError)(init);
}

/** Errors worth retrying later with the same client id: the command may or may not have been stored. */
export function isTransient(error: unknown): boolean {
  return (
    !isFrontdeskError(error) ||
    error.code === 'network' ||
    error.code === 'rate_limited' ||
    error.code === 'internal'
  );
}
