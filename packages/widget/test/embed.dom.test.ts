import { memoryBackend } from '@frontdesk/client/memory';
import { describe, expect, it } from 'vitest';
import { mountWidget } from '../src/embed';
import { TEXT_KEYS, TEXTS } from '../src/texts';

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
};

describe('mountWidget (the admin console preview)', () => {
  it('renders inline in a host element with the given config, updates it and is removed on destroy', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const preview = mountWidget(host, {
      backend: memoryBackend(),
      config: { name: 'Preview shop', greeting: { en: 'Welcome to the preview' } },
    });
    const root = () => host.querySelector('frontdesk-widget')!.shadowRoot!;
    await until(() => root().textContent?.includes('Welcome to the preview') ?? false);
    expect(host.querySelector('frontdesk-widget')!.hasAttribute('inline')).toBe(true);
    expect(root().querySelector('[role=dialog]')?.getAttribute('aria-label')).toBe('Preview shop');

    expect(preview.update({ name: 'Renamed', greeting: { en: 'Hello again' } })).toEqual([]);
    await until(() => root().textContent?.includes('Hello again') ?? false);

    const issues = preview.update({ name: '', theme: { brandColor: 'blue' } } as never);
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['name', 'theme.brandColor']));
    expect(root().textContent).toContain('Hello again');

    preview.destroy();
    expect(host.querySelector('frontdesk-widget')).toBeNull();
  });

  it('exports every text key with its English default for validating overrides', () => {
    expect(TEXT_KEYS).toContain('home.intro');
    expect(TEXTS['launcher.unread.other']).toBe('{n} unread messages');
  });
});
