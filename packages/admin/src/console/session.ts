import type { Agent } from '@frontdesk/protocol';
import { signal } from '@preact/signals';
import { ConsoleApi } from './api';

const KEY = 'frontdesk.console.token';

/** The signed-in agent, or null. */
export const agent = signal<Agent | null>(null);
/** The API client, carrying the session token. */
export const api = new ConsoleApi(sessionStorage.getItem(KEY));

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
}

export function signOut(): void {
  api.token = null;
  sessionStorage.removeItem(KEY);
  agent.value = null;
}
