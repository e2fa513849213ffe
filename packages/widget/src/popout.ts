// The popout window's script (`Frontdesk('popout')`), served by the Frontdesk server at `/popout` and built on
// its own (`vite.popout.config.ts`, not part of the open-panel bundle). The page's URL fragment holds a one-time
// code; it is removed from the address bar and history at once, then exchanged for this visitor's token.
import { createClient, memoryStorage } from '@frontdesk/client';
import { httpBackend } from '@frontdesk/client/http';
import type { SessionRequest } from '@frontdesk/protocol';
import { INLINE_CSS } from './theme/inlineStyles';
import { Widget } from './widget';

/** Full-window panel: the popout has nothing else to show. */
const POPOUT_CSS =
  ':host([inline]){position:fixed!important;inset:0!important;height:auto!important;min-height:0!important}' +
  '.inl .p{inset:0;width:100%;height:100%;max-height:none;border-radius:0;box-shadow:none}.inl .la{display:none}';

async function start(): Promise<void> {
  const code = location.hash.slice(1);
  history.replaceState(null, '', location.pathname + location.search);
  document.body.style.margin = '0';
  const siteKey = new URLSearchParams(location.search).get('siteKey') ?? '';
  const url = location.origin;
  const response = await fetch(`${url}/v1/popout/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-frontdesk-site': siteKey },
    body: JSON.stringify({ code }),
  });
  const answer = (await response.json().catch(() => ({}))) as { visitorToken?: string; message?: string };
  if (!answer.visitorToken) {
    // Plain text, never HTML: the message comes from the server but is shown as is.
    document.body.textContent = answer.message ?? 'This chat window could not be opened.';
    return;
  }
  const backend = httpBackend({ url, siteKey });
  // The first session starts as the visitor of the code; later ones (identify) carry the client's own token.
  let handed: string | undefined = answer.visitorToken;
  const startSession = backend.startSession.bind(backend);
  backend.startSession = (input: SessionRequest) => {
    const visitorToken = handed ?? input.visitorToken;
    handed = undefined;
    return startSession({ ...input, ...(visitorToken ? { visitorToken } : {}) });
  };
  // Memory only: this window's origin is the server's, shared by every site it serves.
  const client = createClient({ backend, storage: memoryStorage(), tabs: false });
  const widget = new Widget({
    client,
    target: document.body,
    options: { siteKey, apiUrl: url, hideLauncher: true },
    ownsClient: true,
    token: () => backend.token,
    fileUrl: (path) => `${new URL(path, url).href}?token=${encodeURIComponent(backend.token ?? '')}`,
  });
  widget.style(INLINE_CSS + POPOUT_CSS);
  widget.go({ v: 'messages' });
  widget.open();
  // Closing the panel closes the window.
  widget.on('close', () => window.close());
}

void start();
