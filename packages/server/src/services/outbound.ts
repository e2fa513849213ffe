import * as http from 'node:http';
import * as https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Issue } from '@frontdesk/protocol';
import ipaddr from 'ipaddr.js';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

/**
 * The one way the server makes requests to URLs that site admins chose (webhooks). https only; the address a
 * name resolves to is checked when the socket connects (request-filtering-agent's `lookup`, so a DNS answer that
 * changes between check and use cannot reach inside), IP literals before connecting; redirects are not followed;
 * the response is streamed and dropped, with a size cap and a total-time cap.
 */
export interface OutboundPolicy {
  /**
   * `host` or `host:port` entries (lower case) that may be reached over http and at non-public addresses, for
   * development and tests (`WEBHOOK_DEV_HOSTS`).
   */
  devHosts: readonly string[];
  /** Total time for connect, request and response (`WEBHOOK_TIMEOUT_MS`). */
  timeoutMs: number;
  /** Largest response body read before the request is aborted (`WEBHOOK_RESPONSE_MAX_BYTES`). */
  maxResponseBytes: number;
  /** Resolver the guard checks at connect time (default `dns.lookup`); tests pass their own to play DNS. */
  lookup?: LookupFunction;
}

/** A failed outbound request, with a short reason fit for a log an admin reads (never the response body). */
export class OutboundError extends Error {
  override readonly name = 'OutboundError' as const;
  constructor(
    message: string,
    /** True when retrying cannot help (the URL or its address is not allowed). */
    readonly refused = false,
    /** The HTTP status when an answer had begun (a redirect, an oversized body). */
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

// Guarded agents refuse every non-unicast address: loopback, private, link-local (metadata), unique-local,
// CGNAT, unspecified, multicast, reserved and IPv4-mapped IPv6 (ipaddr.js ranges).
const guardedHttps = new RequestFilteringHttpsAgent({ keepAlive: false });
const guardedHttp = new RequestFilteringHttpAgent({ keepAlive: false });

function bare(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/** Split a `WEBHOOK_DEV_HOSTS` entry: `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 address. */
function devEntry(entry: string): { host: string; port: string | undefined } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1]!.toLowerCase(), port: bracketed[2] };
  if (entry.split(':').length > 2) return { host: entry.toLowerCase(), port: undefined };
  const [host, port] = entry.split(':');
  return { host: host!.toLowerCase(), port };
}

/** Is the URL's host (or host:port) listed as a development host? */
export function isDevHost(url: URL, policy: Pick<OutboundPolicy, 'devHosts'>): boolean {
  const host = bare(url.hostname);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return policy.devHosts.some((entry) => {
    const wanted = devEntry(entry);
    return wanted.host === host && (wanted.port === undefined || wanted.port === port);
  });
}

/** Why an address is not public (e.g. "a loopback address"), or null for a public unicast address. */
export function nonPublicReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return null;
  const range = ipaddr.parse(address).range();
  if (range === 'unicast') return null;
  const names: Record<string, string> = {
    loopback: 'a loopback address',
    private: 'a private address',
    linkLocal: 'a link-local (metadata) address',
    uniqueLocal: 'a unique-local address',
    carrierGradeNat: 'a CGNAT address',
    unspecified: 'an unspecified address',
    ipv4Mapped: 'an IPv4-mapped address',
  };
  return names[range] ?? `a ${range} address`;
}

/** What is wrong with `url` as an outbound target, or null when it may be requested. */
export function outboundUrlProblem(url: string, policy: Pick<OutboundPolicy, 'devHosts'>): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not an absolute URL';
  }
  if (parsed.username || parsed.password) return 'a URL with a user name or password';
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `${parsed.protocol} (only https)`;
  if (isDevHost(parsed, policy)) return null;
  if (parsed.protocol === 'http:') return 'http to a host not listed in WEBHOOK_DEV_HOSTS (only https)';
  // Names are checked when the socket connects (their address can change); literal addresses here too.
  const host = bare(parsed.hostname);
  if (isIP(host)) {
    const reason = nonPublicReason(host);
    if (reason) return `${host}, ${reason}`;
  }
  return null;
}

/** A short reason for a failed request, naming no response content. */
function shortReason(error: unknown): OutboundError {
  if (error instanceof OutboundError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // request-filtering-agent: "DNS lookup 10.0.0.1(family:4, host:x) is not allowed. Because, …"
  const refused = /^DNS lookup (.+?)\(family:[^,]*, host:([^)]*)\) is not allowed/.exec(message);
  if (refused) {
    // The address a name resolved to is not shown: the log must not map the server's internal DNS for admins.
    const kind = nonPublicReason(refused[1]!) ?? 'a non-public address';
    const named = refused[2] && refused[2] !== 'undefined';
    return new OutboundError(named ? `refused: ${refused[2]} resolves to ${kind}` : `refused: ${kind}`, true);
  }
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED') return new OutboundError('connection refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new OutboundError('host not found');
  if (code === 'ECONNRESET') return new OutboundError('connection reset');
  if (typeof code === 'string') return new OutboundError(code.slice(0, 60));
  return new OutboundError(message.slice(0, 120));
}

/**
 * POST `body` to `url` under the policy. Resolves with the HTTP status of a 2xx/4xx/5xx answer whose body (read
 * and dropped) stayed under the cap; rejects with an {@link OutboundError} otherwise (refused URL or address,
 * redirect, timeout, oversized response, network error).
 */
export function postOutbound(
  url: string,
  headers: Record<string, string>,
  body: string,
  policy: OutboundPolicy,
): Promise<number> {
  const problem = outboundUrlProblem(url, policy);
  if (problem) return Promise.reject(new OutboundError(`refused: ${problem}`, true));
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const dev = isDevHost(target, policy);
  const agent = dev ? undefined : secure ? guardedHttps : guardedHttp;
  return new Promise<number>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let request: http.ClientRequest | undefined;
    const finish = (error: OutboundError | null, status = 0) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        request?.destroy();
        reject(error);
      } else resolve(status);
    };
    request = (secure ? https : http).request(
      target,
      {
        method: 'POST',
        agent,
        ...(policy.lookup ? { lookup: policy.lookup } : {}),
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          finish(new OutboundError(`HTTP ${status}: redirects are not followed`, false, status));
          return;
        }
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > policy.maxResponseBytes)
            finish(
              new OutboundError(
                `response larger than ${policy.maxResponseBytes} bytes (aborted)`,
                false,
                status,
              ),
            );
        });
        response.on('end', () => finish(null, status));
        response.on('error', (error) => finish(shortReason(error)));
      },
    );
    timer = setTimeout(
      () => finish(new OutboundError(`no complete answer within ${policy.timeoutMs} ms (aborted)`)),
      policy.timeoutMs,
    );
    request.on('error', (error) => finish(shortReason(error)));
    request.end(body);
  });
}

/** The outbound policy of the server's settings. */
export function outboundPolicy(settings: {
  webhookDevHosts: readonly string[];
  webhookTimeoutMs: number;
  webhookResponseMaxBytes: number;
}): OutboundPolicy {
  return {
    devHosts: settings.webhookDevHosts,
    timeoutMs: settings.webhookTimeoutMs,
    maxResponseBytes: settings.webhookResponseMaxBytes,
  };
}

/** One issue per webhook URL the server would refuse to call, with paths under `prefix` (checked at push time). */
export function webhookUrlIssues(
  webhooks: ReadonlyArray<{ url: string }>,
  policy: Pick<OutboundPolicy, 'devHosts'>,
  prefix: string,
): Issue[] {
  const issues: Issue[] = [];
  for (const [index, hook] of webhooks.entries()) {
    const problem = outboundUrlProblem(hook.url, policy);
    if (!problem) continue;
    const path = `${prefix}.webhooks[${index}].url`;
    const expected = 'an https URL of a public host';
    issues.push({
      path,
      expected,
      received: problem,
      message: `${path}: expected ${expected}, found ${problem}`,
    });
  }
  return issues;
}
