// Development harness: the full-page widget over an in-memory backend (no server), for looking at the UI.
import { createClient } from '@frontdesk/client';
import { memoryBackend } from '@frontdesk/client/memory';
import { Widget } from '../../src/widget';

const params = new URLSearchParams(location.search);
const backend = memoryBackend({
  latency: 80,
  agent: { name: 'Ana', delay: 800, reply: 'Thanks! **Ana** here, see https://example.com/help' },
});
const client = createClient({ backend, consent: true, tabs: false });
const widget = new Widget({
  client,
  options: {
    ...(params.get('locale') ? { locale: params.get('locale')! } : {}),
    theme: {
      mode: (params.get('mode') as 'light' | 'dark' | null) ?? 'light',
      ...(params.get('brand') ? { brandColor: `#${params.get('brand')}` } : {}),
    },
    openOnLoad: params.has('open'),
  },
  ownsClient: true,
});
Object.assign(window, { widget, backend, client });
