import type { HttpBindings } from '@hono/node-server';
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
    /** An oversized body was read to its end before the 413 (the connection can be reused). */
    drained: boolean;
  };
}
