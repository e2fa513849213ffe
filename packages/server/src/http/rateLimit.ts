import { ApiError } from './errors';

/** A fixed-window counter per key: at most `limit` hits per `windowMs`. `limit` 0 disables it. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Count a hit for `key`; throws a `rate_limited` error with the seconds to wait when over the limit. */
  hit(key: string, now = Date.now()): void {
    if (this.limit <= 0) return;
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size > 100_000) this.prune(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    if (window.count > this.limit) throw this.tooMany(window, now);
  }

  /** Throw the `rate_limited` error if `key` has used its limit in this window, without counting a hit. */
  ensure(key: string, now = Date.now()): void {
    const window = this.windows.get(key);
    if (this.limit > 0 && window && now - window.start < this.windowMs && window.count >= this.limit)
      throw this.tooMany(window, now);
  }

  private tooMany(window: { start: number }, now: number): ApiError {
    const retryAfter = Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    return new ApiError(
      'rate_limited',
      `Too many requests: try again in ${retryAfter} s.`,
      undefined,
      retryAfter,
    );
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows)
      if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
