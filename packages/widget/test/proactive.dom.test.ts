import { createClient } from '@frontdesk/client';
import { memoryBackend } from '@frontdesk/client/memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hide, run } from '../src/proactive';
import { Widget } from '../src/widget';

// `showMessage({ id })` waits for the caps' stored counts (read over a few tasks): what happens meanwhile decides.
const message = {
  id: 'welcome',
  trigger: { url: '*/never-matches' },
  from: { agent: 'Dana' },
  text: { en: 'Hi! Planning a hike?' },
};

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  return check();
};
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

let widget: Widget | undefined;
// Each test is a new visitor: the caps remember shown messages in the page's storages.
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => widget?.destroy());

async function started(): Promise<Widget> {
  const backend = memoryBackend({ config: { name: 'Shop', proactive: [message] } });
  const w = new Widget({ client: createClient({ backend, consent: true }), ownsClient: true });
  widget = w;
  expect(await until(() => w.client.ready.value && w.theme.value !== null)).toBe(true);
  return w;
}
const bubble = (w: Widget) => w.root.root.querySelector('section.pb');

describe('showMessage({ id }) while the caps are read', () => {
  it('shows the message once they are read', async () => {
    const w = await started();
    run(w, { id: 'welcome' });
    expect(await until(() => bubble(w) !== null)).toBe(true);
    expect(bubble(w)!.textContent).toContain('Planning a hike?');
  });

  it('shows nothing when the bubble was hidden meanwhile', async () => {
    const w = await started();
    run(w, { id: 'welcome' });
    hide(w);
    await wait(300);
    expect(bubble(w)).toBeNull();
  });

  it('shows nothing and counts nothing when the widget went meanwhile', async () => {
    const w = await started();
    const tracked: string[] = [];
    const track = w.client.track.bind(w.client);
    w.client.track = (name, data) => {
      tracked.push(name);
      return track(name, data);
    };
    run(w, { id: 'welcome' });
    w.destroy();
    widget = undefined;
    await wait(300);
    expect(w.root.root.querySelector('section.pb')).toBeNull();
    expect(tracked).not.toContain('proactive.shown');
  });
});
