import type { Agent, AgentSite } from '@frontdesk/protocol';
import { signal } from '@preact/signals';
import { ConsoleApi } from './api';

const KEY = 'frontdesk.console.token';
const SITE = 'frontdesk.console.site';

/** The agent's chosen presence: visitors see the team online while one agent is. */
export const presence = signal<'online' | 'away'>('online');

/** Tell the server (and so the widget's availability) whether this agent is available. */
export function setPresence(status: 'online' | 'away' | 'offline', keepalive = false): void {
  if (status !== 'offline') presence.value = status;
  if (api.token) void api.presence(status, keepalive).catch(() => undefined);
}

/** The signed-in agent, or null. */
export const agent = signal<Agent | null>(null);
/** The API client, carrying the session token. */
export const api = new ConsoleApi(sessionStorage.getItem(KEY));
api.siteKey = sessionStorage.getItem(SITE);

/** The sites the signed-in agent is a member of (the site picker lists these only). */
export const sites = signal<AgentSite[]>([]);

/** Does the signed-in agent hold the admin role on the current site? */
export const isAdmin = (): boolean => agent.value?.roles?.includes('admin') ?? false;

/** Load the agent's sites and keep the chosen one if still theirs, else their first; then who they are there. */
async function enter(): Promise<void> {
  sites.value = await api.call<AgentSite[]>('agentSites');
  if (!sites.value.some((s) => s.key === api.siteKey)) api.siteKey = sites.value[0]?.key ?? null;
  agent.value = await api.me();
}

/** Work on another of the agent's sites: reload, so every view starts over on it. */
export function switchSite(key: string): void {
  sessionStorage.setItem(SITE, key);
  location.reload();
}

/** Why the agent was signed out, shown on the sign-in form. */
export const signedOutReason = signal('');

api.onUnauthorized = () => {
  if (!agent.value) return;
  signOut();
  signedOutReason.value = 'Your session ended. Sign in again.';
};

/** Resume a stored session; resolves false when there is none or it expired. */
export async function resume(): Promise<boolean> {
  if (!api.token) return false;
  try {
    await enter();
    return true;
  } catch {
    signOut();
    return false;
  }
}

/** Sign in; throws the API error (wrong password, validation) for the form to show. */
export async function signIn(email: string, password: string): Promise<void> {
  await begin((await api.login(email, password)).token);
}

/** Redeem an invite code with the chosen password, then sign in. */
export async function acceptInvite(code: string, password: string): Promise<void> {
  await begin((await api.call<{ token: string }>('acceptInvite', {}, { code, password })).token);
}

async function begin(token: string): Promise<void> {
  api.token = token;
  sessionStorage.setItem(KEY, token);
  await enter().catch((error: unknown) => {
    api.token = null;
    sessionStorage.removeItem(KEY);
    throw error;
  });
  signedOutReason.value = '';
}

/** Sign out: go offline, revoke the token on the server, forget it here. */
export function signOut(): void {
  const token = api.token;
  // Presence first (it needs the token), then the revocation.
  if (token)
    void api
      .presence('offline', true)
      .catch(() => undefined)
      .then(() => api.logout(token));
  api.token = null;
  sessionStorage.removeItem(KEY);
  agent.value = null;
}
