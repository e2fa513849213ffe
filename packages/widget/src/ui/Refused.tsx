import type { Theme } from '@frontdesk/protocol';
import { h, render } from 'preact';
import EN_VIEWS from '../i18n/enViews';
import { themeCss } from '../theme/theme';
import type { Widget } from '../widget';
import { Icon } from './Icon';
import * as I from './icons';
import { track } from './track';

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
export default function refused(w: Widget): void {
  console.warn(
    `[Frontdesk] This page's origin ${location.origin} is not allowed for this site, so the widget cannot load. ` +
      'Add it to allowedOrigins in the site config (console: Config → Allowed origins, where recently refused ' +
      'origins are listed with an Allow button; or `frontdesk push` with it in frontdesk.config.ts).',
  );
  w.i18n.add(EN_VIEWS);
  const theme = { ...DEFAULT_THEME, ...w.options.theme };
  w.root.theme.replace(themeCss(theme));
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
