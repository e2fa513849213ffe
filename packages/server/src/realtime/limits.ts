import type { WebSocket } from 'ws';

/**
 * A token bucket per key (a visitor or an agent, across all its sockets on this node): at most `burst` frames at
 * once, refilled at `perSecond`. Typing and ping frames beyond it are dropped, so a flood cannot fan out to the
 * agents nor starve the event loop. `perSecond` 0 disables it.
 */
export class FrameLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number; warnedAt: number }>();
  constructor(
    readonly perSecond: number,
    private readonly burst = Math.max(1, perSecond * 2),
  ) {}

  /**
   * Take a token for `key`: `ok` to handle the frame, `drop` to ignore it, `warn` to ignore it and tell the
   * client (at most once a second per key).
   */
  take(key: string, now = Date.now()): 'ok' | 'drop' | 'warn' {
    if (this.perSecond <= 0) return 'ok';
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size > 100_000) this.prune(now);
      bucket = { tokens: this.burst, at: now, warnedAt: 0 };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 'ok';
    }
    if (now - bucket.warnedAt < 1000) return 'drop';
    bucket.warnedAt = now;
    return 'warn';
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets)
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(key);
  }
}

/**
 * The sockets of each visitor on this node, so that what they hold in memory is capped per visitor, not per
 * socket: twenty sockets that do not read would otherwise hold twenty times the cap. `max` 0 disables it.
 */
export class SocketBuffers {
  private readonly sockets = new Map<string, Set<WebSocket>>();
  constructor(readonly max: number) {}

  /** Count `ws` as one of `key`'s sockets until it closes. */
  add(key: string, ws: WebSocket): void {
    let set = this.sockets.get(key);
    if (!set) {
      set = new Set();
      this.sockets.set(key, set);
    }
    set.add(ws);
    ws.once('close', () => {
      set.delete(ws);
      if (set.size === 0 && this.sockets.get(key) === set) this.sockets.delete(key);
    });
  }

  /** Would buffering `bytes` more for `key` go over the cap? */
  over(key: string, bytes: number): boolean {
    if (this.max <= 0) return false;
    let total = bytes;
    for (const ws of this.sockets.get(key) ?? []) total += ws.bufferedAmount;
    return total > this.max;
  }
}
