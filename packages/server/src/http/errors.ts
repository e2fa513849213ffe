import { ERROR_STATUS, type ErrorBody, type ErrorCode, type Issue } from '@frontdesk/protocol';

/** An error the API answers with its protocol code and status (never a 500 for a client mistake). */
export class ApiError extends Error {
  override readonly name = 'ApiError' as const;
  /** HTTP status from the protocol's `ERROR_STATUS`. */
  readonly status: number;
  constructor(
    /** Stable protocol error code. */
    readonly code: ErrorCode,
    message: string,
    /** For `validation_failed`: every issue, each naming its path. */
    readonly issues?: Issue[],
    /** For `rate_limited`: seconds to wait. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }

  /** The JSON body of this error. */
  toBody(): ErrorBody {
    const error: ErrorBody['error'] = { code: this.code, message: this.message };
    if (this.issues) error.issues = this.issues;
    if (this.retryAfter !== undefined) error.retryAfter = this.retryAfter;
    return { error };
  }
}

/** Is `value` an {@link ApiError}? Compares by name so it works across module copies. */
export function isApiError(value: unknown): value is ApiError {
  return value instanceof Error && value.name === 'ApiError';
}

export const notFound = (what: string) => new ApiError('not_found', `${what} was not found.`);
export const forbidden = (message = 'You may not do this.') => new ApiError('forbidden', message);
export const unauthorized = (message = 'Sign in first: the token is missing, invalid or expired.') =>
  new ApiError('unauthorized', message);
