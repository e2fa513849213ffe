import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type TestServer } from '@frontdesk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentSocket, FrameLog, login, request } from './helpers';

const EVIL = 'https://evil.example';
let server: TestServer;
let listed: TestServer;
let consoleDir: string;
let token: string;
beforeAll(async () => {
  consoleDir = mkdtempSync(join(tmpdir(), 'frontdesk-console-'));
  writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>console</title>');
  [server, listed] = await Promise.all([
    startServer({ env: { STATIC_CONSOLE_DIR: consoleDir } }),
    startServer({ env: { CONSOLE_ORIGINS: 'https://console.example.com, https://ops.example.com/' } }),
  ]);
  token = await login(server, 'admin');
}, 120_000);
afterAll(async () => {
  await Promise.all([server?.stop(), listed?.stop()]);
  rmSync(consoleDir, { recursive: true, force: true });
});

describe('security headers', () => {
  it('serves the console with a strict CSP, no framing, nosniff and a referrer policy', async () => {
    for (const path of ['/console/', '/console/inbox/cv_1']) {
      const reply = await fetch(`${server.url}${path}`);
      expect(reply.status).toBe(200);
      const csp = reply.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(reply.headers.get('x-frame-options')).toBe('DENY');
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('answers the API with nosniff and a referrer policy', async () => {
    for (const reply of [
      await request(server, 'GET', '/v1/config'),
      await request(server, 'GET', '/v1/agent/me', { token }),
      await request(server, 'GET', '/v1/nothing'),
    ]) {
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});

describe('the agent API and socket accept only the console origin', () => {
  it('refuses another origin on the agent and admin API (request and preflight), allows its own', async () => {
    for (const path of ['/v1/agent/me', '/v1/admin/agents']) {
      const evil = await request(server, 'GET', path, { token, origin: EVIL });
      expect(evil.status).toBe(403);
      expect(evil.body.error.code).toBe('origin_not_allowed');
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
      const own = await request(server, 'GET', path, { token, origin: server.url });
      expect(own.status).toBe(200);
      expect(own.headers.get('access-control-allow-origin')).toBe(server.url);
    }
    const login = await request(server, 'POST', '/v1/agent/login', {
      site: null,
      origin: EVIL,
      body: server.admin,
    });
    expect(login.status).toBe(403);
    const preflight = await fetch(`${server.url}/v1/agent/me`, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    // The CLI sends no Origin: allowed.
    expect((await request(server, 'GET', '/v1/agent/me', { token })).status).toBe(200);
  });

  it('refuses the agent socket from another origin', async () => {
    const url = `${server.url.replace('http', 'ws')}/v1/agent/realtime?${new URLSearchParams({ token })}`;
    const evil = new FrameLog(url, { origin: EVIL });
    expect(await evil.closed).toBe(4403);
    expect(evil.frames[0]).toMatchObject({ frame: 'error', code: 'origin_not_allowed' });
    const own = new FrameLog(url, { origin: server.url });
    await own.until((frames) => frames.some((f) => f.frame === 'hello'));
    own.close();
    const cli = agentSocket(server, token);
    await cli.until((frames) => frames.some((f) => f.frame === 'hello'));
    cli.close();
  });

  it('accepts exactly the origins listed in CONSOLE_ORIGINS', async () => {
    const adminToken = await login(listed, 'admin');
    const from = (origin: string) => request(listed, 'GET', '/v1/agent/me', { token: adminToken, origin });
    expect((await from('https://console.example.com')).status).toBe(200);
    expect((await from('https://ops.example.com')).status).toBe(200);
    expect((await from(listed.url)).status).toBe(403);
    expect((await from(EVIL)).status).toBe(403);
  });
});

describe('agent socket tickets', () => {
  it('opens the agent socket with a one-minute ticket that is no API token and dies with sign-out', async () => {
    const agent = await login(server, 'agent');
    const { ticket } = (await request(server, 'POST', '/v1/agent/ticket', { token: agent })).body;
    expect(ticket).toBeTypeOf('string');
    const ws = `${server.url.replace('http', 'ws')}/v1/agent/realtime`;
    const live = new FrameLog(`${ws}?${new URLSearchParams({ ticket })}`, { origin: server.url });
    await live.until((frames) => frames.some((f) => f.frame === 'hello'));
    live.close();
    // A ticket is not a bearer token for the API.
    expect((await request(server, 'GET', '/v1/agent/me', { token: ticket })).status).toBe(401);
    // Nor is a token a ticket.
    const swapped = new FrameLog(`${ws}?${new URLSearchParams({ ticket: agent })}`);
    expect(await swapped.closed).toBe(4401);
    // Signing out revokes tickets too.
    await request(server, 'POST', '/v1/agent/logout', { token: agent });
    const revoked = new FrameLog(`${ws}?${new URLSearchParams({ ticket })}`);
    expect(await revoked.closed).toBe(4401);
  });
});
