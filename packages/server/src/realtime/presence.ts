import { newId } from '../auth/crypto';
import { setPresence } from '../services/agents';
import type { AppContext } from '../services/context';
import { Connections } from './connections';

/**
 * Agent presence across nodes. Each node keeps one row per agent it holds a socket for in `agent_connections`
 * and renews it every heartbeat (expiring after three); when its last socket of the agent closes, the row
 * expires at once. An agent with no unexpired row on any node for the grace period goes offline — also when
 * the node that held its sockets was killed and never said so. Times are the database's, not each node's.
 */
export class AgentPresence {
  private readonly nodeId = newId('node');
  private readonly local = new Connections(0);
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly ctx: AppContext) {
    this.timer = setInterval(() => void this.beat().catch(() => undefined), ctx.settings.presenceHeartbeatMs);
    this.timer.unref();
  }

  /** An agent socket opened on this node. */
  opened(agentId: string): void {
    this.local.take(agentId);
    void this.renew(agentId, 3 * this.ctx.settings.presenceHeartbeatMs).catch(() => undefined);
  }

  /** An agent socket closed on this node; after the grace period, check whether the agent is gone everywhere. */
  closed(agentId: string): void {
    if (this.local.give(agentId) > 0) return;
    void this.renew(agentId, 0).catch(() => undefined);
    setTimeout(
      () => void this.sweep().catch(() => undefined),
      this.ctx.settings.presenceGraceMs + 50,
    ).unref();
  }

  /** Stop renewing (shutdown: the sockets close, which expires their rows). */
  stop(): void {
    clearInterval(this.timer);
  }

  /** Writes in call order (an open and a quick close must not land reversed). */
  private writes: Promise<unknown> = Promise.resolve();

  private renew(agentId: string, ttlMs: number): Promise<unknown> {
    const write = this.writes.then(() => this.write(agentId, ttlMs));
    this.writes = write.catch(() => undefined);
    return write;
  }

  private async write(agentId: string, ttlMs: number): Promise<void> {
    // Only an agent with no socket left here expires (ttl 0); a reopened one is renewed again.
    if (ttlMs === 0 && this.local.has(agentId)) return;
    await this.ctx.db.query(
      `insert into agent_connections (agent_id, node_id, expires_at)
       values ($1, $2, now() + $3::int * interval '1 millisecond')
       on conflict (agent_id, node_id) do update set expires_at = excluded.expires_at`,
      [agentId, this.nodeId, ttlMs],
    );
  }

  private async beat(): Promise<void> {
    const ttl = 3 * this.ctx.settings.presenceHeartbeatMs;
    for (const agentId of this.local.keys()) await this.renew(agentId, ttl);
    await this.sweep();
  }

  /**
   * Agents whose every row expired more than the grace period ago: their rows go (one node wins each, the delete
   * decides), and an online or away one goes offline.
   */
  private async sweep(): Promise<void> {
    const gone = await this.ctx.db.query<{ agent_id: string }>(
      `delete from agent_connections where agent_id in (
         select agent_id from agent_connections group by agent_id
         having max(expires_at) < now() - $1::int * interval '1 millisecond')
       returning agent_id`,
      [this.ctx.settings.presenceGraceMs],
    );
    for (const agentId of new Set(gone.map((r) => r.agent_id))) {
      const rows = await this.ctx.db.query<{ status: string }>('select status from agents where id = $1', [
        agentId,
      ]);
      if (rows[0] && rows[0].status !== 'offline') await setPresence(this.ctx, agentId, 'offline');
    }
  }
}
