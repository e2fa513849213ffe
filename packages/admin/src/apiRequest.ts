// The parts of a call to the server's agent and admin API that the CLI (Node) and the console (browser) share.
// Pure: each side makes the request with its own fetch and turns `ApiFailure` into its own error.
import { check, ErrorBodySchema, type Issue, ROUTES, type RouteName } from '@frontdesk/protocol';

/** Method and path of a protocol route, its `:params` filled in (URL-encoded). */
export function routeTarget(
  route: RouteName,
  params: Record<string, string> = {},
): { method: string; path: string } {
  const [method, template] = ROUTES[route].split(' ') as [string, string];
  return {
    method,
    path: template.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? '')),
  };
}

/** The request of a JSON call: accept and content type, the bearer token when signed in, the body as JSON. */
export function jsonRequest(
  method: string,
  token: string | null | undefined,
  body?: unknown,
): { method: string; headers: Record<string, string>; body?: string } {
  return {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

/** An answer's body: its JSON, or undefined when empty or not JSON (e.g. a proxy's HTML error page). */
export function parseBody(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** What a refused request says: the protocol's error body, or the HTTP status line when the body is not one. */
export interface ApiFailure {
  status: number;
  code: string;
  message: string;
  issues: Issue[];
}

export function failureOf(status: number, statusText: string, body: unknown): ApiFailure {
  const parsed = check(ErrorBodySchema, body);
  if (parsed.ok) {
    const { code, message, issues } = parsed.value.error;
    return { status, code, message, issues: issues ?? [] };
  }
  // Not quite the protocol's shape (another server version): its sentence still beats a bare status.
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return {
    status,
    code: typeof error?.code === 'string' ? error.code : 'internal',
    message: typeof error?.message === 'string' ? error.message : `${status} ${statusText}`.trim(),
    issues: [],
  };
}
