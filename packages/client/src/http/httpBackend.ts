import type { ErrorCode, EventPage } from '@frontdesk/protocol';
import { type FrontdeskError, isFrontdeskError, NetworkError, toFrontdeskError } from '../errors';
import type { Backend, Session } from '../types';

/** Options of `httpBackend`. */
export interface HttpBackendOptions {
  /** Origin (and optional path) of the Frontdesk server, e.g. `https://support.example.com`. */
  url: string;
  /** The site's public key (sent as `X-Frontdesk-Site`). */
  siteKey: string;
  /** Realtime transport: WebSocket with long-poll fallback (`auto`, default), or long-poll only (`poll`). */
  realtime?: 'auto' | 'poll';
  /** WebSocket constructor, for runtimes without a global one (e.g. `ws` in Node). */
  WebSocket?: typeof WebSocket;
  /** `fetch` to use (default: the global one). */
  fetch?: typeof fetch;
  /** Request timeout in ms. Default 15000 (a long poll gets the time the server may hold it on top). */
  timeout?: number;
  /** After falling back to long-polling, try a WebSocket again after this many ms. Default 300000 (5 minutes). */
  socketRetryAfter?: number;
}

/** A backend with its session token exposed (for tabs and tests). */
export interface HttpBackend extends Backend {
  /** The current visitor token (after `startSession`). */
  readonly token: string | undefined;
}

// Used only when a response carries no protocol error body (e.g. a proxy answered).
const STATUS_CODES: Record<number, ErrorCode> = {
  401: 'unauthorized',
  404: 'not_found',
  429: 'rate_limited',
};

/** Turn a failed response (its parsed body as `data`) into a typed error with the server's code and message. */
function toError(response: Response, data: unknown): FrontdeskError {
  const body = (data as { error?: { code?: ErrorCode; message?: string; issues?: []; retryAfter?: number } })
    ?.error;
  return toFrontdeskError({
    code:
      body?.code ??
      STATUS_CODES[response.status] ??
      (response.status >= 500 ? 'internal' : 'validation_failed'),
    message: body?.message ?? `The server answered ${response.status}.`,
    status: response.status,
    issues: body?.issues,
    retryAfter: body?.retryAfter ?? (Number(response.headers.get('retry-after')) || undefined),
  });
}

/**
 * The backend that speaks the reference server's protocol (`ROUTES` of `@frontdesk/protocol`): JSON over HTTP with
 * `fetch`, and a realtime WebSocket that falls back to long-polling `GET /v1/events` where WebSockets are blocked.
 */
export function httpBackend(options: HttpBackendOptions): HttpBackend {
  const base = `${options.url.replace(/\/+$/, '')}/v1`;
  let token: string | undefined;
  // Plain `fetch` (ky cost the client and this backend about 8.6 KB gzip for this much): JSON in and out, a
  // timeout, no retries of its own (the client retries), an HTTP error's protocol body turned into a typed error.
  const call = async <T>(
    method: 'get' | 'post' | 'patch',
    path: string,
    body?: unknown,
    params?: object,
    /** The caller's controller (a long poll's): it cancels the request, and the timeout aborts it too. */
    abort = new AbortController(),
    /** Added to the timeout: how long the server may hold the request (a long poll). */
    wait = 0,
  ): Promise<T> => {
    const url = new URL(`${base}/${path}`);
    // URLSearchParams turns each value into a string itself.
    for (const [k, v] of Object.entries(params ?? {})) url.searchParams.set(k, v as string);
    const headers: Record<string, string> = {};
    // The config is fetched as a CORS "simple" request (key in the query, no preflight), so that a page whose
    // origin the site does not allow reads the server's `origin_not_allowed` instead of a bare network error.
    if (!url.searchParams.has('siteKey')) headers['X-Frontdesk-Site'] = options.siteKey;
    if (token) headers.Authorization = `Bearer ${token}`;
    const json = body !== undefined && !(body instanceof FormData);
    if (json) headers['content-type'] = 'application/json';
    // One controller for the timeout and the caller: no `AbortSignal.any` (missing before Safari 17.4, Chrome 116
    // and Firefox 124) nor `AbortSignal.timeout` (Safari 16), and no listeners to clean up.
    const timer = setTimeout(() => abort.abort(), (options.timeout ?? 15_000) + wait);
    try {
      const response = await (options.fetch ?? fetch)(url, {
        method: method.toUpperCase(),
        headers,
        body: json ? JSON.stringify(body) : (body as FormData | undefined),
        signal: abort.signal,
      });
      if (!response.ok) throw toError(response, await response.json().catch(() => undefined));
      return (response.status === 204 ? undefined : await response.json()) as T;
    } catch (error) {
      if (isFrontdeskError(error)) throw error;
      throw new NetworkError({
        code: 'network',
        message: 'The Frontdesk server could not be reached.',
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  };
  const id = encodeURIComponent;
  const wsBlocked = { until: options.realtime === 'poll' ? Number.POSITIVE_INFINITY : 0 };

  const backend: HttpBackend = {
    name: `${options.url}#${options.siteKey}`,
    get token() {
      return token;
    },
    async startSession(input) {
      // Only `input.visitorToken` resumes a visitor: after a reset, the previous token must not be sent.
      token = undefined;
      const session = await call<Session>('post', 'session', input);
      token = session.visitorToken;
      return session;
    },
    getConfig: () => call('get', 'config', undefined, { siteKey: options.siteKey }),
    updateVisitor: (update) => call('patch', 'visitor', update),
    listConversations: () => call('get', 'conversations'),
    createConversation: (input) => call('post', 'conversations', input),
    sendMessage: (conversation, input) => call('post', `conversations/${id(conversation)}/messages`, input),
    listMessages: (conversation, o = {}) =>
      call('get', `conversations/${id(conversation)}/messages`, undefined, {
        afterSeq: o.afterSeq ?? 0,
        limit: o.limit ?? 100,
      }),
    events: (after, limit = 100) => call<EventPage>('get', 'events', undefined, { after, limit }),
    subscribe(after, handlers) {
      // The realtime link's code loads when the first link opens (after the session started), not at start-up.
      let close: (() => void) | undefined;
      let closed = false;
      const abort = new AbortController();
      const poll = (cursor: number, wait: number) =>
        call<EventPage>('get', 'events', undefined, { after: cursor, limit: 500, wait }, abort, wait * 1000);
      import('./realtime').then(
        ({ openRealtime }) => {
          if (!closed)
            close = openRealtime({
              url: base,
              siteKey: options.siteKey,
              token: () => token,
              after,
              handlers,
              WebSocket: options.WebSocket ?? globalThis.WebSocket,
              blocked: wsBlocked,
              retryAfter: options.socketRetryAfter ?? 300_000,
              poll,
              abort,
            });
        },
        // The load failed (a flaky network; a deploy removed the chunk; older engines never fetch a failed import
        // again): one long poll stands in for the link, which then closes like a lost one, and the client
        // reconnects with its backoff, loading the chunk again.
        async (error: Error) => {
          try {
            const page = await poll(after, 25);
            handlers.status?.('open');
            page.events.forEach(handlers.event);
          } catch {}
          closed || handlers.status?.('closed', error);
        },
      );
      return () => {
        closed = true;
        abort.abort();
        close?.();
      };
    },
    markRead: (conversation, readSeq) => call('post', `conversations/${id(conversation)}/read`, { readSeq }),
    typing: (conversation, typing) => call('post', `conversations/${id(conversation)}/typing`, { typing }),
    search: (q, locale) => call('get', 'help/search', undefined, { q, locale }),
    getArticle: (article, locale) => call('get', `help/articles/${id(article)}`, undefined, { locale }),
    listCategories: () => call('get', 'help/categories'),
    articleFeedback: (article, helpful) => call('post', `help/articles/${id(article)}/feedback`, { helpful }),
    submitForm: (input) => call('post', `forms/${id(input.formId)}/submissions`, input),
    rate: (conversation, input) => call('post', `conversations/${id(conversation)}/rating`, input),
    upload(file, name) {
      const form = new FormData();
      form.set('file', file, name);
      form.set('name', name);
      return call('post', 'uploads', form);
    },
    track: (event) => call('post', 'track', event),
  };
  return backend;
}
