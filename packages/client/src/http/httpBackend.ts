import type { ErrorCode, EventPage } from '@frontdesk/protocol';
import { type FrontdeskError, isFrontdeskError, NetworkError, toFrontdeskError } from '../errors';
import type { Backend, Session } from '../types';
import { type Api, createApi } from './request';

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
  /** Request timeout in ms. Default 15000. */
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

/** Turn a failed response (or a failed fetch) into a typed error with the server's code and message. */
async function toError(error: unknown): Promise<FrontdeskError> {
  if (isFrontdeskError(error)) return error;
  const response = (error as { response?: Response }).response;
  if (!response)
    return new NetworkError({
      code: 'network',
      message: 'The Frontdesk server could not be reached.',
      cause: error,
    });
  const data = (error as { data?: unknown }).data as
    | { error?: { code?: ErrorCode; message?: string; issues?: []; retryAfter?: number } }
    | undefined;
  const body = data && typeof data === 'object' ? data.error : undefined;
  const retryAfter = body?.retryAfter ?? (Number(response.headers.get('retry-after')) || undefined);
  return toFrontdeskError({
    code:
      body?.code ??
      STATUS_CODES[response.status] ??
      (response.status >= 500 ? 'internal' : 'validation_failed'),
    message: body?.message ?? `The server answered ${response.status}.`,
    status: response.status,
    issues: body?.issues,
    retryAfter,
    cause: error,
  });
}

/**
 * The backend that speaks the reference server's protocol (`ROUTES` of `@frontdesk/protocol`): JSON over HTTP with
 * `fetch`, and a realtime WebSocket that falls back to long-polling `GET /v1/events` where WebSockets are blocked.
 */
export function httpBackend(options: HttpBackendOptions): HttpBackend {
  const base = `${options.url.replace(/\/+$/, '')}/v1`;
  let token: string | undefined;
  const api: Api = createApi({
    prefix: base,
    timeout: options.timeout ?? 15_000,
    fetch: options.fetch,
    hooks: {
      beforeRequest: [
        ({ request }) => {
          // The config is fetched as a CORS "simple" request (key in the query, no preflight), so that a page whose
          // origin the site does not allow reads the server's `origin_not_allowed` instead of a bare network error.
          if (!request.url.includes('siteKey=')) request.headers.set('X-Frontdesk-Site', options.siteKey);
          if (token) request.headers.set('Authorization', `Bearer ${token}`);
        },
      ],
    },
  });
  const call = async <T>(
    method: 'get' | 'post' | 'patch',
    path: string,
    body?: unknown,
    params?: object,
  ): Promise<T> => {
    try {
      const response = await api(path, {
        method,
        json: body,
        searchParams: params as Record<string, string>,
      });
      return (response.status === 204 ? undefined : await response.json()) as T;
    } catch (error) {
      throw await toError(error);
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
      // A failed load closes the link like a lost one, so the client reconnects (and loads it) later.
      import('./realtime').then(
        ({ openRealtime }) => {
          if (!closed)
            close = openRealtime({
              url: base,
              siteKey: options.siteKey,
              token: () => token,
              after,
              handlers,
              WebSocket: options.WebSocket ?? (typeof WebSocket === 'undefined' ? undefined : WebSocket),
              blocked: wsBlocked,
              retryAfter: options.socketRetryAfter ?? 300_000,
              poll: (cursor, signal, wait) =>
                api('events', { searchParams: { after: cursor, limit: 500, wait }, signal, timeout: 40_000 })
                  .json<EventPage>()
                  .catch(async (error) => {
                    throw await toError(error);
                  }),
            });
        },
        (error: Error) => closed || handlers.status?.('closed', error),
      );
      return () => {
        closed = true;
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
    async upload(file, name) {
      const form = new FormData();
      form.set('file', file, name);
      form.set('name', name);
      try {
        return await api.post('uploads', { body: form }).json();
      } catch (error) {
        throw await toError(error);
      }
    },
    track: (event) => call('post', 'track', event),
  };
  return backend;
}
