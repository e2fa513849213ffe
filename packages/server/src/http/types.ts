import type { SiteRole } from '@frontdesk/protocol';
import type { HttpBindings } from '@hono/node-server';
import type { Logger } from 'pino';
import type { Site } from '../services/sites';

/** A signed-in agent or admin. */
export interface AgentInfo {
  id: string;
  email: string;
  name: string;
  role: 'agent' | 'admin';
  status: 'online' | 'away' | 'offline';
}

/** Hono environment of every route: Node bindings plus what middleware resolved. */
export interface AppEnv {
  Bindings: HttpBindings;
  Variables: {
    site: Site;
    visitorId: string;
    agent: AgentInfo;
    /** The signed-in agent's roles on `site` (see `services/access.ts`). */
    roles: SiteRole[];
    /** This request's id (`X-Request-Id`), also on every log line about it. */
    requestId: string;
    /** The server's logger with the request id bound. */
    log: Logger;
    /** An oversized body was read to its end before the 413 (the connection can be reused). */
    drained: boolean;
  };
}
