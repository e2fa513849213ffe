import { useEffect, useRef, useState } from 'preact/hooks';
import type { Widget } from '../widget';
import { Badge } from './Badge';
import { WidgetContext } from './context';
import { Icon } from './Icon';
import * as I from './icons';
import { Panel } from './Panel';
import { track } from './track';

/** The whole widget: launcher, panel and the live region that announces new messages. */
export const App = track(function App({ w }: { w: Widget }) {
  const { t, p, dir, tag } = w.i18n;
  const theme = w.theme.value;
  const launcher = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const open = w.opened.value;
  const unread = w.client.unreadCount.value;
  // Intent (a pointer over the launcher, touch included, or focus) renders the panel hidden, so that a click only shows it.
  const [warm, setWarm] = useState(false);
  // The launcher is rendered in the task after the first render with a theme (the root and its live region): at
  // 4× CPU slowdown the two in one were a task over 50 ms (the first render runs the most code for the first time).
  const [rooted, setRooted] = useState(false);
  useEffect(() => setRooted(!!theme));

  // Open: intent is spent. Phones: size the full-screen panel to the visual viewport so the keyboard never hides the
  // composer. Only where the phone layout (max-width 520px) uses it: a custom property set on the root restyles
  // the whole widget.
  useEffect(() => {
    const vv = window.visualViewport;
    if (!open) return;
    setWarm(false);
    if (!vv) return;
    const set = () => innerWidth > 520 || rootRef.current?.style.setProperty('--vh', `${vv.height}px`);
    set();
    vv.addEventListener('resize', set);
    return () => vv.removeEventListener('resize', set);
  }, [open]);

  // Nothing shows before the site's config (and so its theme) is known: no flash of a default look.
  if (!theme) return null;
  const showLauncher = w.launcher.value && !theme.hideLauncher;
  const cls = `r ${MODES[theme.mode] ?? ''}${theme.position === 'left' ? ' l' : ''}${w.inline ? ' inl' : ''}${showLauncher ? '' : ' nl'}`;
  const label = open ? t('launcher.close') : t('launcher.open');
  const intent = () => setWarm(true);

  return (
    <WidgetContext.Provider value={w}>
      <div class={cls} dir={dir.value} lang={tag.value} ref={rootRef}>
        <div class="sr" aria-live="polite" aria-atomic="true">
          {w.announcement.value}
        </div>
        {(open || warm) && (
          <Panel open={open} onClosed={() => launcher.current?.focus({ preventScroll: true })} />
        )}
        {rooted && showLauncher && (
          <button
            ref={launcher}
            type="button"
            class={`la${open ? ' o' : ''}`}
            aria-label={unread && !open ? `${label}, ${p('launcher.unread', unread)}` : label}
            aria-expanded={open}
            onClick={() => w.toggle()}
            onPointerEnter={intent}
            onFocus={intent}
          >
            <Icon d={open ? I.close : I.chat} />
            {!open && <Badge n={unread} />}
          </button>
        )}
      </div>
    </WidgetContext.Provider>
  );
});

/** The root's class for each colour mode (`light` has none). */
const MODES: Record<string, string> = { dark: 'dk', auto: 'au' };
