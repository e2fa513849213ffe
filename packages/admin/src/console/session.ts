import type { Agent } from '@frontdesk/protocol';
import { signal } from '@preact/signals';
import { ConsoleApi } from './api';

const KEY = 'frontdesk.console.token';

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
    agent.value = await api.me();
    return true;
  } catch {
    signOut();
    return false;
  }
}

/** Sign in; throws the API error (wrong password, validation) for the form to show. */
export async function signIn(email: string, password: string): Promise<void> {
  const result = await api.login(email, password);
  api.token = result.token;
  sessionStorage.setItem(KEY, result.token);
  agent.value = result.agent ?? (await api.me());
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
