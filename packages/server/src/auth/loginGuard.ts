import { ApiError } from '../http/errors';

/** Settings of {@link LoginGuard}. */
export interface LoginGuardOptions {
  /** Failures per account answered at once before delays start. */
  freeAttempts: number;
  /** Delay after the first failure past `freeAttempts`, doubled per further failure (ms). */
  baseDelayMs: number;
  /** Longest delay (ms): the real owner waits at most this long after an attacker's failures. */
  maxDelayMs: number;
}

interface AccountState {
  failures: number;
  /** No attempt for this account is checked before this time (ms since epoch). */
  until: number;
  last: number;
}

/**
 * Slows password guessing per account: after `freeAttempts` failures each further failure doubles a delay
 * (capped at `maxDelayMs`) during which attempts for that account are refused with 429 without being
 * checked or counted. Keyed on the normalised email, so padding or case does not make a new key; the delay is
 * never a lockout, so the owner can sign in once it passes. Per node, in memory (as the other limits).
 */
export class LoginGuard {
  private readonly accounts = new Map<string, AccountState>();
  constructor(private readonly options: LoginGuardOptions) {}

  /** Throw `rate_limited` (with the seconds to wait) while `account` is delayed. */
  ensure(account: string, now = Date.now()): void {
    const state = this.accounts.get(account);
    if (!state || state.until <= now) return;
    const retryAfter = Math.max(1, Math.ceil((state.until - now) / 1000));
    throw new ApiError(
      'rate_limited',
      `Too many failed sign-ins for this account: try again in ${retryAfter} s.`,
      undefined,
      retryAfter,
    );
  }

  /** Count a failed attempt for `account`. */
  failed(account: string, now = Date.now()): void {
    if (this.accounts.size > 100_000) this.prune(now);
    const state = this.accounts.get(account) ?? { failures: 0, until: 0, last: now };
    state.failures++;
    state.last = now;
    const over = state.failures - this.options.freeAttempts + 1;
    if (over > 0) {
      const delay = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** Math.min(over - 1, 30));
      state.until = now + delay;
    }
    this.accounts.set(account, state);
  }

  /** A successful sign-in clears the account's failures. */
  succeeded(account: string): void {
    this.accounts.delete(account);
  }

  // Forget accounts whose last failure is long past (a day without failures starts over).
  private prune(now: number): void {
    for (const [key, state] of this.accounts)
      if (now - state.last > Math.max(86_400_000, this.options.maxDelayMs)) this.accounts.delete(key);
  }
}

/** The key an email is known by: trimmed, Unicode NFC, lower-cased (as accounts are stored). */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}
