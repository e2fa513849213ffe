import type { Attributes, Identity, SiteConfigInput, Theme } from '@frontdesk/protocol';

/** Options of `Frontdesk('boot', options)`; the same names work as `data-*` attributes on the script tag. */
export interface BootOptions {
  /** The site's public key (`data-site-key`). */
  siteKey: string;
  /** Base URL of the Frontdesk server (`data-api-url`); defaults to the origin the loader was served from. */
  apiUrl?: string;
  /** Language to use (`data-locale`); otherwise the page's `lang`, the browser's languages, then the site default. */
  locale?: string;
  /** A signed-in user to identify at boot. */
  user?: Identity;
  /** Visitor attributes to set at boot. */
  attributes?: Attributes;
  /** Theme settings that override the site's config on this page. */
  theme?: Partial<Theme>;
  /** Hide the default launcher on this page (`data-hide-launcher`); open with `Frontdesk('open')`. */
  hideLauncher?: boolean;
  /** Text overrides for this page, per key (see `@frontdesk/widget/texts`). */
  texts?: Record<string, string>;
  /** Consent already given by the site's consent banner (`data-consent="true"`). */
  consent?: boolean;
  /** Report page changes of single-page apps automatically (default true). */
  trackPages?: boolean;
  /** Hide the launcher on small screens (up to 640 px wide, `data-hide-on-mobile`); `open` still works. */
  hideOnMobile?: boolean;
  /** Hide the launcher while nobody is there to answer (availability `offline`, `data-hide-when-offline`). */
  hideWhenOffline?: boolean;
  /** Open the panel as soon as the widget is ready. */
  openOnLoad?: boolean;
}

/** Config the admin console's live preview passes to `mountWidget`. */
export type PreviewConfig = SiteConfigInput;
