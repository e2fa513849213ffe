// The browser side of the client's e2e and fault tests: exposes the package (as bundled for browsers) on
// `window.harness`, and records what a test needs to assert (events per tab).
import { type Client, type ClientEventMap, createClient } from '@frontdesk/client';
import { conformanceChecks } from '@frontdesk/client/conformance';
import { httpBackend } from '@frontdesk/client/http';

interface Harness {
  client: Client | null;
  events: { name: keyof ClientEventMap; notify?: boolean; kind?: string; text?: string }[];
  start(options?: {
    tabs?: boolean;
    consent?: boolean;
    requireConsent?: boolean;
    breakStorage?: boolean;
  }): Promise<void>;
  /** Run the Backend conformance checks against httpBackend in this browser. */
  conformance(): Promise<{ name: string; error: string | null }[]>;
  /** Requests to the API this page made (to prove nothing is contacted before consent). */
  requests(): string[];
  state(): ReturnType<Client['getState']> | null;
}

const params = new URLSearchParams(location.search);
const harness: Harness = {
  client: null,
  events: [],
  async start(options = {}) {
    if (options.breakStorage) {
      // What private modes and full disks look like: IndexedDB refuses to open.
      indexedDB.open = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    }
    const backend = httpBackend({ url: location.origin, siteKey: params.get('site') ?? 'test-site' });
    const client = createClient({
      backend,
      tabs: options.tabs ?? true,
      consent: options.consent,
      requireConsent: options.requireConsent,
      reconnect: { min: 100, max: 1000 },
    });
    harness.client = client;
    client.on('message', (e) =>
      harness.events.push({ name: 'message', kind: e.kind, notify: e.notify, text: e.message.text }),
    );
    client.on('unreadCountChange', (e) =>
      harness.events.push({ name: 'unreadCountChange', notify: e.notify }),
    );
    client.on('warning', () => harness.events.push({ name: 'warning' }));
    client.on('error', (e) =>
      harness.events.push({ name: 'error', text: `${e.error.code}: ${e.error.message}` }),
    );
    client.subscribe((state) => {
      document.getElementById('status')!.textContent =
        `${state.status} ${state.leader ? 'leader' : 'follower'}`;
    });
    await client.start();
  },
  state: () => harness.client?.getState() ?? null,
  async conformance() {
    const results = [];
    for (const check of conformanceChecks) {
      const error = await check
        .run(() => httpBackend({ url: location.origin, siteKey: params.get('site') ?? 'test-site' }))
        .then(
          () => null,
          (e: unknown) => String(e),
        );
      results.push({ name: check.name, error });
    }
    return results;
  },
  requests: () =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((name) => name.includes('/v1/')),
};
(window as unknown as { harness: Harness }).harness = harness;
if (params.has('autostart')) void harness.start();
