import { safeUrl } from '@frontdesk/protocol';
import type { ComponentType } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { parentOf, type Route } from '../route';
import { Badge } from './Badge';
import { useWidget } from './context';
import { Home } from './Home';
import { Icon } from './Icon';
import * as I from './icons';
import { lazy } from './lazy';
import { Messages } from './Messages';
import { track } from './track';

// Opening the panel fetches nothing: each view but Home and Messages loads when first shown (`pnpm size` budgets).
const Help = lazy(() => import('./Help'));
const Article = lazy(() => import('./Article'));
const FormPage = lazy(() => import('./FormPage'));
const Thread = lazy(() => import('./Thread'));
/** The view of each route, given the route's fields as props. */
const VIEWS = {
  home: Home,
  messages: Messages,
  thread: Thread,
  help: Help,
  article: Article,
  form: FormPage,
} as Record<Route['v'], ComponentType<Route>>;

/**
 * The panel: header, the current view and the section tabs. Not modal: focus is never trapped. Before it opens it
 * may be rendered hidden (`open` false: on intent, so that opening only has to show it).
 */
export const Panel = track(function Panel({ open, onClosed }: { open: boolean; onClosed: () => void }) {
  const w = useWidget();
  const { t } = w.i18n;
  const route = w.route.value;
  const config = w.config.value;
  const panel = useRef<HTMLElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const unread = w.client.unreadCount.value;
  const back = parentOf(route, w.from.value);

  // Focus moves into the panel on open and back to the launcher on close (when it was inside). In the render's
  // task, before its paint: one style and layout pass for the shown panel, not a second one a frame later.
  useLayoutEffect(() => {
    if (!open) return;
    panel.current?.focus({ preventScroll: true });
    const el = panel.current;
    return () => {
      const active = (el?.getRootNode() as ShadowRoot | undefined)?.activeElement;
      if (!active || el?.contains(active)) onClosed();
    };
  }, [open]);
  // Rendered hidden on intent: the header and tabs first, the view in a task of its own (two short tasks).
  const [full, setFull] = useState(open);
  useEffect(() => setFull(true), []);
  // After a view change, keep keyboard and screen-reader users oriented: focus the new title.
  const nav = w.nav.value;
  const first = useRef(nav);
  useEffect(() => {
    if (nav !== first.current && route.v !== 'thread' && route.v !== 'help')
      title.current?.focus({ preventScroll: true });
  }, [nav]);

  const tabs: ['home' | 'messages' | 'help', string][] = [
    ['home', I.home],
    ['messages', I.messages],
  ];
  if (config?.helpCenter?.enabled !== false) tabs.push(['help', I.help]);
  const section = route.v === 'thread' ? 'messages' : route.v === 'article' ? 'help' : route.v;
  const form = route.v === 'form' && config?.forms?.find((f) => f.id === route.id);
  const name = config?.name || t('panel.label');
  const heading = route.v === 'home' ? name : form ? w.text(form.title) : t(`nav.${section}`);
  const logo = safeUrl(w.theme.value?.logoUrl);
  // The same vnode while the route is: Preact skips the view's subtree when only `open` (or the header) changed.
  // Keyed by conversation or id: another one is a fresh view.
  const View = VIEWS[route.v];
  const view = useMemo(
    () => <View key={(route as { c?: string }).c ?? (route as { id?: string }).id} {...route} />,
    [route],
  );

  return (
    <section
      ref={panel}
      class={open ? 'p' : 'p w'}
      role="dialog"
      aria-label={name}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          w.close();
        }
      }}
    >
      <header class="hd">
        {back && (
          <button type="button" class="ib" aria-label={t('panel.back')} onClick={() => w.go(back)}>
            <Icon d={I.back} cls="fl" />
          </button>
        )}
        {logo && !back && <img src={logo} alt="" />}
        <h2 ref={title} tabIndex={-1} dir="auto">
          {heading}
        </h2>
        <button type="button" class="ib" aria-label={t('panel.close')} onClick={() => w.close()}>
          <Icon d={I.close} />
        </button>
      </header>
      {(open || full) && view}
      <nav class="nav" aria-label={t('nav.label')}>
        {tabs.map(([name, icon]) => (
          <button
            type="button"
            aria-current={section === name ? 'page' : undefined}
            onClick={() => w.go({ v: name })}
          >
            <Icon d={icon} />
            {t(`nav.${name}`)}
            {name === 'messages' && <Badge n={unread} />}
          </button>
        ))}
      </nav>
    </section>
  );
});
