import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from './errors';
import { type LimitStore, limitKey } from './limitStore';

/**
 * A fixed-window counter per key: at most `limit` hits per `windowMs`, counted in the {@link LimitStore} (shared by
 * every node when it is Redis or PostgreSQL). `limit` 0 disables it.
 */
export class RateLimiter {
  private readonly limiter: RateLimiterAbstract | null;
  constructor(
    store: LimitStore,
    name: string,
    private readonly limit: number,
    windowMs = 60_000,
  ) {
    this.limiter = limit > 0 ? store.limiter(name, limit, Math.max(1, Math.ceil(windowMs / 1000))) : null;
  }

  /** Count a hit for `key`; throws a `rate_limited` error with the seconds to wait when over the limit. */
  async hit(key: string): Promise<void> {
    if (!this.limiter) return;
    try {
      await this.limiter.consume(limitKey(key));
    } catch (error) {
      if (error instanceof RateLimiterRes) throw tooMany(error.msBeforeNext);
      throw error;
    }
  }

  /** Throw the `rate_limited` error if `key` has used its limit in this window, without counting a hit. */
  async ensure(key: string): Promise<void> {
    if (!this.limiter) return;
    const state = await this.limiter.get(limitKey(key));
    if (state && state.consumedPoints >= this.limit && state.msBeforeNext > 0)
      throw tooMany(state.msBeforeNext);
  }
}

function tooMany(msBeforeNext: number): ApiError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new ApiError(
    'rate_limited',
    `Too many requests: try again in ${retryAfter} s.`,
    undefined,
    retryAfter,
  );
}
