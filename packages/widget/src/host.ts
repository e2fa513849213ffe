import { CSS } from './theme/styles';

const TAG = 'frontdesk-widget';

/** One stylesheet that can be replaced. */
export interface Sheet {
  replace(css: string): void;
}

// Constructable stylesheets: allowed by CSP without `unsafe-inline` or a nonce, and in every browser the
// ES2022 bundle runs in (so no `<style>` fallback is needed).
function sheet(root: ShadowRoot): Sheet {
  const s = new CSSStyleSheet();
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, s];
  return { replace: (css) => s.replaceSync(css) };
}

/** The shadow root the widget renders into, with its base stylesheet and a theme stylesheet. */
export interface WidgetRoot {
  root: ShadowRoot;
  /** Adopt one more stylesheet (styles of a lazily loaded view). */
  add(css: string): void;
  /** The element Preact renders into. */
  mount: HTMLElement;
  theme: Sheet;
  remove(): void;
}

/**
 * Attach the widget: a `<frontdesk-widget>` element with a shadow root. On a page it goes on `<html>` (outside
 * `<body>`, so a transformed body does not move the fixed panel); an embedder's element or shadow root gets it
 * inline, laid out inside that box instead of the viewport.
 */
export function createRoot(target: Element | ShadowRoot | undefined): WidgetRoot {
  if (!customElements.get(TAG)) customElements.define(TAG, class extends HTMLElement {});
  const host = document.createElement(TAG);
  const root = host.attachShadow({ mode: 'open' });
  if (target) host.setAttribute('inline', '');
  (target ?? document.documentElement).append(host);
  sheet(root).replace(CSS);
  const theme = sheet(root);
  const mount = document.createElement('div');
  root.append(mount);
  return { root, mount, theme, add: (css) => sheet(root).replace(css), remove: () => host.remove() };
}
