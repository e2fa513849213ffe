// The subset of ky's API that `@frontdesk/client/http` uses, over plain `fetch`. The widget's Vite build aliases
// `ky` to this file because ky 2 alone costs ~8 KB gzip, a third of the open-panel budget. Same semantics for what
// the client relies on: `prefix`, `timeout`, `hooks.beforeRequest`, `json`, `searchParams`, `signal`, `.json()`,
// and HTTP errors carrying `response` and the parsed body as `data` (failed fetches and timeouts carry neither,
// which the client reports as network errors). No retries: the client retries itself.

interface Options {
  prefix?: string;
  method?: string;
  json?: unknown;
  body?: BodyInit;
  searchParams?: Record<string, string | number>;
  signal?: AbortSignal;
  timeout?: number;
  fetch?: typeof fetch;
  hooks?: { beforeRequest?: ((state: { request: Request }) => void)[] };
}

type ResponsePromise = Promise<Response> & { json<T = unknown>(): Promise<T> };
export type KyInstance = ((path: string, options?: Options) => ResponsePromise) & {
  post(path: string, options?: Options): ResponsePromise;
};

function create(defaults: Options): KyInstance {
  const run = async (path: string, options: Options): Promise<Response> => {
    const o = { ...defaults, ...options };
    const url = new URL(`${o.prefix}/${path}`);
    for (const [k, v] of Object.entries(o.searchParams ?? {})) url.searchParams.set(k, String(v));
    const json = o.json !== undefined;
    const timeout = AbortSignal.timeout(o.timeout ?? 10_000);
    const request = new Request(url, {
      method: (o.method ?? 'get').toUpperCase(),
      headers: json ? { 'content-type': 'application/json' } : {},
      body: json ? JSON.stringify(o.json) : o.body,
      signal: o.signal ? AbortSignal.any([o.signal, timeout]) : timeout,
    });
    for (const hook of o.hooks?.beforeRequest ?? []) hook({ request });
    const response = await (o.fetch ?? fetch)(request);
    if (!response.ok) {
      const data: unknown = await response.json().catch(() => undefined);
      throw Object.assign(new Error(`Request failed with status code ${response.status}`), {
        response,
        data,
      });
    }
    return response;
  };
  const call = (path: string, options: Options = {}): ResponsePromise => {
    const p = run(path, options) as ResponsePromise;
    p.json = <T>() => p.then((r) => (r.status === 204 ? undefined : r.json()) as Promise<T>);
    return p;
  };
  return Object.assign(call, {
    post: (path: string, options?: Options) => call(path, { ...options, method: 'post' }),
  });
}

export default { create };
