/**
 * Open realtime connections per key (a visitor or an agent) on this server, optionally capped. Visitors' sockets
 * and waiting long polls count together against `MAX_VISITOR_SOCKETS`, so one visitor cannot hold an unbounded
 * number of subscriptions; agents' sockets are counted for presence.
 */
export class Connections {
  private readonly open = new Map<string, number>();

  constructor(
    /** The cap per key; 0 means none. */
    readonly max: number,
  ) {}

  /** Count one more connection of `key`; false (not counted) when `key` is at the cap. */
  take(key: string): boolean {
    const count = this.open.get(key) ?? 0;
    if (this.max > 0 && count >= this.max) return false;
    this.open.set(key, count + 1);
    return true;
  }

  /** A connection of `key` ended; how many it still has. */
  give(key: string): number {
    const left = (this.open.get(key) ?? 1) - 1;
    if (left > 0) this.open.set(key, left);
    else this.open.delete(key);
    return Math.max(0, left);
  }

  /** Whether `key` has a connection open. */
  has(key: string): boolean {
    return this.open.has(key);
  }

  /** Every key with a connection open. */
  keys(): string[] {
    return [...this.open.keys()];
  }

  /** Why a connection past the cap is refused. */
  refusal(): string {
    return `Too many realtime connections for this visitor (at most ${this.max}): close one first.`;
  }
}
