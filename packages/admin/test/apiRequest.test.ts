import { describe, expect, it } from 'vitest';
import { failureOf, jsonRequest, parseBody, routeTarget } from '../src/apiRequest';

describe('the request parts the CLI and the console share', () => {
  it('fills route parameters, encoded', () => {
    expect(routeTarget('agentMessages', { id: 'cv_1/../x' })).toEqual({
      method: 'GET',
      path: '/v1/agent/conversations/cv_1%2F..%2Fx/messages',
    });
  });

  it('sends JSON with the token only when there is one', () => {
    expect(jsonRequest('POST', 'tok', { a: 1 })).toEqual({
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        authorization: 'Bearer tok',
      },
      body: '{"a":1}',
    });
    expect(jsonRequest('GET', null)).toEqual({ method: 'GET', headers: { accept: 'application/json' } });
  });

  it("reads the protocol's error body, and says the status when a proxy answered with something else", () => {
    const issue = {
      path: 'email',
      expected: 'an email address',
      received: '"x"',
      message: 'email: expected an email address, found "x"',
    };
    const body = parseBody(
      JSON.stringify({ error: { code: 'validation_failed', message: 'Invalid body.', issues: [issue] } }),
    );
    expect(failureOf(400, 'Bad Request', body)).toEqual({
      status: 400,
      code: 'validation_failed',
      message: 'Invalid body.',
      issues: [issue],
    });
    // Another server version's body: its sentence is kept.
    expect(failureOf(409, 'Conflict', { error: { code: 'stale', message: 'Reload first.' } })).toEqual({
      status: 409,
      code: 'stale',
      message: 'Reload first.',
      issues: [],
    });
    const html = parseBody('<html><body>Bad gateway</body></html>');
    expect(html).toBeUndefined();
    expect(failureOf(502, 'Bad Gateway', html)).toEqual({
      status: 502,
      code: 'internal',
      message: '502 Bad Gateway',
      issues: [],
    });
  });
});
