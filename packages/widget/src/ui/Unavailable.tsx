// What the widget shows when support cannot serve the visitor now: the site is closed until a time (`NextOpen`),
// or this page's origin is not allowed (`refused`). One lazy chunk: the open panel has no bytes to spare, and
// neither is needed on a working, open site.
import type { Theme } from '@frontdesk/protocol';
import { h, render } from 'preact';
import EN_VIEWS from '../i18n/enViews';
import { themeCss } from '../theme/theme';
import type { Widget } from '../widget';
import { useWidget } from './context';
import { Icon } from './Icon';
import * as I from './icons';
import { track } from './track';

/** Formatters per locale and options, made once (making an Intl formatter costs far more than using it). */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<F extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => F): F {
  const f = (formatters.get(key) as F | undefined) ?? make();
  formatters.set(key, f);
  return f;
}

/**
 * The day and time of `iso` in the visitor's time zone, for `{day}` and `{time}` of a text: "today" and
 * "tomorrow" (in the visitor's language), a weekday within a week, else a date.
 */
export function dayAndTime(tag: string, iso: string, now = new Date()): { day: string; time: string } {
  const at = new Date(iso);
  // Rounded: a day with a daylight-saving change is 23 or 25 hours long.
  const days = Math.round(
    (new Date(iso).setHours(0, 0, 0, 0) - new Date(now).setHours(0, 0, 0, 0)) / 86_400_000,
  );
  const date = (o: Intl.DateTimeFormatOptions) =>
    cached(tag + JSON.stringify(o), () => new Intl.DateTimeFormat(tag, o)).format(at);
  return {
    day:
      days < 2
        ? cached(`${tag}rel`, () => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' })).format(
            Math.max(0, days),
            'day',
          )
        : date(days < 7 ? { weekday: 'long' } : { month: 'long', day: 'numeric' }),
    time: date({ hour: 'numeric', minute: '2-digit' }),
  };
}

/** "We are back today at 8:00" while the site is closed. */
export default track(function NextOpen({ at }: { at: string }) {
  const { i18n } = useWidget();
  i18n.add(EN_VIEWS);
  return <p class="mu">{i18n.t('reply.nextOpen', dayAndTime(i18n.tag.value, at))}</p>;
});

/** The config's theme defaults: the site's own theme is part of the config this page may not read. */
const DEFAULT_THEME: Theme = {
  brandColor: '#2557d6',
  mode: 'auto',
  position: 'right',
  offsetX: 20,
  offsetY: 20,
  zIndex: 2147483000,
  panelWidth: 380,
  panelHeight: 640,
  hideLauncher: false,
};

/**
 * The server refused this page's origin (not in the site's `allowedOrigins`). Instead of nothing: a warning in the
 * browser console naming the origin and the setting to change, and a launcher whose panel says support is not
 * available here (with the same hint for the site owner). The client stopped; nothing else is requested.
 */
export function refused(w: Widget): void {
  console.warn(
    `[Frontdesk] This page's origin ${location.origin} is not allowed for this site, so the widget cannot load. ` +
      'Add it to allowedOrigins in the site config (console: Config → Allowed origins, where recently refused ' +
      'origins are listed with an Allow button; or `frontdesk push` with it in frontdesk.config.ts).',
  );
  w.i18n.add(EN_VIEWS);
  const theme = { ...DEFAULT_THEME, ...w.options.theme };
  w.root.theme.replaceSync(themeCss(theme));
  render(h(Refused, { w, theme }), w.root.mount);
}

const Refused = track(function Refused({ w, theme }: { w: Widget; theme: Theme }) {
  const { t, dir, tag } = w.i18n;
  const open = w.opened.value;
  return (
    <div class={`r au${theme.position === 'left' ? ' l' : ''}`} dir={dir.value} lang={tag.value}>
      {open && (
        <section
          class="p"
          role="dialog"
          aria-label={t('panel.label')}
          onKeyDown={(e) => e.key === 'Escape' && w.close()}
        >
          <header class="hd">
            <h2>{t('panel.label')}</h2>
            <button type="button" class="ib" aria-label={t('panel.close')} onClick={() => w.close()}>
              <Icon d={I.close} />
            </button>
          </header>
          <div class="bd">
            <div class="card" role="alert">
              <p>{t('error.unavailable')}</p>
              <p class="mu">
                <bdi>{t('error.originHint', { origin: location.origin })}</bdi>
              </p>
            </div>
          </div>
        </section>
      )}
      {w.launcher.value && !theme.hideLauncher && (
        <button
          type="button"
          class={`la${open ? ' o' : ''}`}
          aria-label={open ? t('launcher.close') : t('launcher.open')}
          aria-expanded={open}
          onClick={() => w.toggle()}
        >
          <Icon d={open ? I.close : I.chat} />
        </button>
      )}
    </div>
  );
});
