import type { Conversation, Message, ServerFrame, SessionResponse } from '@frontdesk/protocol';
import type { TestServer } from '@frontdesk/server/testing';
import { WebSocket } from 'ws';

/** A parsed response: status, headers and JSON body (undefined for empty bodies). */
// biome-ignore lint/suspicious/noExplicitAny: test bodies are checked field by field with expect().
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Options of {@link request}. */
export interface RequestOptions {
  token?: string;
  site?: string | null;
  body?: unknown;
  origin?: string;
  headers?: Record<string, string>;
}

/** Call the API of a test server. */
// biome-ignore lint/suspicious/noExplicitAny: as above.
export async function request<T = any>(
  server: TestServer,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.site !== null) headers['x-frontdesk-site'] = options.site ?? server.siteKey;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.origin) headers.origin = options.origin;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${server.url}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

let counter = 0;
/** A fresh client id. */
export function cid(prefix = 'c'): string {
  counter++;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Start a visitor session; returns its token and session. */
export async function visitor(
  server: TestServer,
  body: object = {},
): Promise<SessionResponse & { token: string }> {
  const reply = await request<SessionResponse>(server, 'POST', '/v1/session', { body });
  if (reply.status !== 200) throw new Error(`session failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { ...reply.body, token: reply.body.visitorToken };
}

/** Create a conversation with a first message. */
export async function conversation(
  server: TestServer,
  token: string,
  text = 'Hello',
): Promise<{ conversation: Conversation; message: Message }> {
  const reply = await request(server, 'POST', '/v1/conversations', {
    token,
    body: { clientId: cid('conv'), message: { clientId: cid('msg'), text } },
  });
  if (reply.status !== 201) throw new Error(`create failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Sign in an agent or admin; returns the token. */
export async function login(server: TestServer, who: 'agent' | 'admin' = 'agent'): Promise<string> {
  const reply = await request(server, 'POST', '/v1/agent/login', { site: null, body: server[who] });
  if (reply.status !== 200) throw new Error(`login failed: ${reply.status}`);
  return reply.body.token;
}

/** A WebSocket that records every frame, with a way to wait for frames matching a test. */
export class FrameLog {
  readonly frames: ServerFrame[] = [];
  readonly socket: WebSocket;
  private waiters: Array<() => void> = [];
  readonly closed: Promise<number>;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.socket = new WebSocket(url, { headers });
    this.socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as ServerFrame);
      for (const wake of this.waiters) wake();
    });
    this.closed = new Promise((resolve) => this.socket.on('close', (code) => resolve(code)));
  }

  /** Wait until `test` holds for the recorded frames (bounded by `ms`). */
  async until(test: (frames: ServerFrame[]) => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!test(this.frames)) {
      if (Date.now() > deadline)
        throw new Error(`timed out; frames: ${JSON.stringify(this.frames).slice(0, 2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.waiters = [];
    }
  }

  /** Stored events received so far. */
  events() {
    return this.frames.flatMap((f) => (f.frame === 'event' ? [f.event] : []));
  }

  close(): void {
    this.socket.close();
  }
}

/** Open the visitor realtime socket. */
export function visitorSocket(server: TestServer, token: string, after?: number, origin?: string): FrameLog {
  const query = new URLSearchParams({ token });
  if (after !== undefined) query.set('after', String(after));
  return new FrameLog(`${server.url.replace('http', 'ws')}/v1/realtime?${query}`, origin ? { origin } : {});
}

/** Open the agent realtime socket. */
export function agentSocket(server: TestServer, token: string, after?: number): FrameLog {
  const query = new URLSearchParams({ token });
  if (after !== undefined) query.set('after', String(after));
  return new FrameLog(`${server.url.replace('http', 'ws')}/v1/agent/realtime?${query}`);
}
