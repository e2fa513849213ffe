import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { ApiError } from '../http/errors';
import { type LimitStore, limitKey } from '../http/limitStore';

/** Settings of {@link LoginGuard}. */
export interface LoginGuardOptions {
  /** Failures per account answered at once before delays start. */
  freeAttempts: number;
  /** Delay after the first failure past `freeAttempts`, doubled per further failure (ms). */
  baseDelayMs: number;
  /** Longest delay (ms): the real owner waits at most this long after an attacker's failures. */
  maxDelayMs: number;
}

/**
 * Slows password guessing per account: after `freeAttempts` failures each further failure doubles a delay
 * (capped at `maxDelayMs`, in whole seconds) during which attempts for that account are refused with 429 without
 * being checked or counted. Keyed on the normalised email, so padding or case does not make a new key; the delay
 * is never a lockout, so the owner can sign in once it passes. Failures and delays are kept in the
 * {@link LimitStore}, so every node sees them; failures are forgotten a day after the first one.
 */
export class LoginGuard {
  private readonly failures: RateLimiterAbstract;
  private readonly delays: RateLimiterAbstract;
  constructor(
    store: LimitStore,
    private readonly options: LoginGuardOptions,
  ) {
    const day = Math.max(86_400, Math.ceil(options.maxDelayMs / 1000));
    // A counter that never refuses: it only says how many failures this account had.
    this.failures = store.limiter('login-failures', 2 ** 30, day);
    this.delays = store.limiter('login-delay', 1, 1);
  }

  /** Throw `rate_limited` (with the seconds to wait) while `account` is delayed. */
  async ensure(account: string): Promise<void> {
    const state = await this.delays.get(limitKey(account));
    if (!state || state.consumedPoints <= 1 || state.msBeforeNext <= 0) return;
    const retryAfter = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    throw new ApiError(
      'rate_limited',
      `Too many failed sign-ins for this account: try again in ${retryAfter} s.`,
      undefined,
      retryAfter,
    );
  }

  /** Count a failed attempt for `account`. */
  async failed(account: string): Promise<void> {
    const { consumedPoints } = await this.failures.consume(limitKey(account));
    const over = consumedPoints - this.options.freeAttempts + 1;
    if (over <= 0) return;
    const delay = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** Math.min(over - 1, 30));
    // Whole seconds: Redis expiries are (and a 0 would never expire).
    await this.delays.block(limitKey(account), Math.max(1, Math.ceil(delay / 1000)));
  }

  /** A successful sign-in clears the account's failures. */
  async succeeded(account: string): Promise<void> {
    await Promise.all([this.failures.delete(limitKey(account)), this.delays.delete(limitKey(account))]);
  }
}

/** The key an email is known by: trimmed, Unicode NFC, lower-cased (as accounts are stored). */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}
