import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDevHost, OutboundError, type OutboundPolicy, postOutbound } from '../src/services/outbound';

// The guard in-process with a resolver of our own, to play DNS: a name that passed every check when it was
// configured resolves, at connect time, to an inside address (DNS rebinding). Nothing may connect.

const answers: Record<string, LookupAddress> = {
  'private.test': { address: '10.0.0.5', family: 4 },
  'metadata.test': { address: '169.254.169.254', family: 4 },
  'cgnat.test': { address: '100.64.1.1', family: 4 },
  'ula.test': { address: 'fd12:3456::1', family: 6 },
  'mapped.test': { address: '::ffff:127.0.0.1', family: 6 },
  'rebind.test': { address: '127.0.0.1', family: 4 },
};
let lookups = 0;
const lookup = ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
  lookups++;
  const answer = answers[hostname];
  if (!answer) return callback(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
  if (options.all) callback(null, [answer]);
  else callback(null, answer.address, answer.family);
}) as unknown as LookupFunction;

let trap: Server;
let trapPort = 0;
let connections = 0;
let silent: Server;
let silentPort = 0;
beforeAll(async () => {
  trap = createServer((_req, res) => res.writeHead(204).end());
  trap.on('connection', () => connections++);
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  trapPort = (trap.address() as AddressInfo).port;
  silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const s of [trap, silent]) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

const policy: OutboundPolicy = { devHosts: [], timeoutMs: 5000, maxResponseBytes: 1024, lookup };

async function failure(url: string, p = policy): Promise<OutboundError> {
  try {
    await postOutbound(url, {}, '{}', p);
  } catch (error) {
    expect(error).toBeInstanceOf(OutboundError);
    return error as OutboundError;
  }
  throw new Error(`${url} was not refused`);
}

describe('outbound guard at connect time', () => {
  it('refuses names that resolve to private, metadata, CGNAT, unique-local and mapped addresses', async () => {
    const expected: Record<string, string> = {
      'private.test': 'refused: private.test resolves to a private address',
      'metadata.test': 'refused: metadata.test resolves to a link-local (metadata) address',
      'cgnat.test': 'refused: cgnat.test resolves to a CGNAT address',
      'ula.test': 'refused: ula.test resolves to a unique-local address',
      'mapped.test': 'refused: mapped.test resolves to an IPv4-mapped address',
    };
    for (const [host, reason] of Object.entries(expected)) {
      const error = await failure(`https://${host}/hook`);
      expect(error.message).toBe(reason);
      expect(error.refused).toBe(true);
    }
  });

  it('refuses a name rebound to loopback before any connection is made', async () => {
    const before = lookups;
    const error = await failure(`https://rebind.test:${trapPort}/hook`);
    expect(error.message).toBe('refused: rebind.test resolves to a loopback address');
    expect(lookups).toBe(before + 1);
    expect(connections).toBe(0);
  });

  it('reaches a listed development host, and aborts one that never answers', async () => {
    const dev = { ...policy, devHosts: [`127.0.0.1:${trapPort}`, `127.0.0.1:${silentPort}`], timeoutMs: 300 };
    expect(await postOutbound(`http://127.0.0.1:${trapPort}/hook`, {}, '{}', dev)).toBe(204);
    expect(connections).toBe(1);
    const error = await failure(`http://127.0.0.1:${silentPort}/hook`, dev);
    expect(error.message).toBe('no complete answer within 300 ms (aborted)');
    expect(error.refused).toBe(false);
  });
});

describe('development hosts', () => {
  it('match by host, host:port and IPv6 forms, and nothing else', () => {
    const listed = (url: string, devHosts: string[]) => isDevHost(new URL(url), { devHosts });
    expect(listed('http://127.0.0.1:3000/x', ['127.0.0.1'])).toBe(true);
    expect(listed('http://127.0.0.1:3000/x', ['127.0.0.1:3000'])).toBe(true);
    expect(listed('http://127.0.0.1:3001/x', ['127.0.0.1:3000'])).toBe(false);
    expect(listed('http://[::1]:3000/x', ['::1'])).toBe(true);
    expect(listed('http://[::1]:3000/x', ['[::1]:3000'])).toBe(true);
    expect(listed('http://[::1]:3001/x', ['[::1]:3000'])).toBe(false);
    expect(listed('http://localhost/x', ['localhost:80'])).toBe(true);
    expect(listed('http://localhost.evil.example/x', ['localhost'])).toBe(false);
  });
});
