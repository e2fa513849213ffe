import { runConformance } from '@frontdesk/client/conformance';
import { httpBackend } from '@frontdesk/client/http';
import { createMemoryHub, memoryBackend } from '@frontdesk/client/memory';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { WebSocket } from 'ws';
import { startMemoryServer } from './support/memoryServer';

const hub = createMemoryHub();
runConformance({ describe, it }, () => memoryBackend({ hub }), 'memoryBackend conformance');

let server: Awaited<ReturnType<typeof startMemoryServer>>;
beforeAll(async () => {
  server = await startMemoryServer();
});
afterAll(() => server.close());

runConformance(
  { describe, it },
  () => httpBackend({ url: server.url, siteKey: server.siteKey, WebSocket: WebSocket as never }),
  'httpBackend conformance (in-test server, WebSocket)',
);
runConformance(
  { describe, it },
  () => httpBackend({ url: server.url, siteKey: server.siteKey, realtime: 'poll' }),
  'httpBackend conformance (in-test server, long-poll)',
);
