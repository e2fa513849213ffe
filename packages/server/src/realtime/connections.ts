/**
 * Open realtime connections per visitor on this server — WebSockets and waiting long polls count together —
 * capped at `MAX_VISITOR_SOCKETS` so one visitor cannot hold an unbounded number of subscriptions.
 */
export class VisitorConnections {
  private readonly open = new Map<string, number>();

  constructor(
    /** The cap; 0 disables it. */
    readonly max: number,
  ) {}

  /** Count one more connection of `visitorId`; false (not counted) when the visitor is at the cap. */
  take(visitorId: string): boolean {
    const count = this.open.get(visitorId) ?? 0;
    if (this.max > 0 && count >= this.max) return false;
    this.open.set(visitorId, count + 1);
    return true;
  }

  /** Why a connection past the cap is refused. */
  refusal(): string {
    return `Too many realtime connections for this visitor (at most ${this.max}): close one first.`;
  }

  /** The connection ended. */
  give(visitorId: string): void {
    const left = (this.open.get(visitorId) ?? 1) - 1;
    if (left > 0) this.open.set(visitorId, left);
    else this.open.delete(visitorId);
  }
}
