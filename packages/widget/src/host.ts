const TAG = 'frontdesk-widget';

/**
 * Adopt a stylesheet into the widget's shadow root. Constructable stylesheets: allowed by CSP without
 * `unsafe-inline` or a nonce, and in every browser the ES2022 bundle runs in (so no `<style>` fallback is needed).
 */
export function sheet(root: ShadowRoot, css = ''): CSSStyleSheet {
  const s = new CSSStyleSheet();
  s.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, s];
  return s;
}

/** The shadow root the widget renders into, with a base stylesheet and a theme stylesheet. */
export interface WidgetRoot {
  /** The shadow root (its `host` is the `<frontdesk-widget>` element); `sheet` adopts more stylesheets into it. */
  root: ShadowRoot;
  /** The element Preact renders into. */
  mount: HTMLElement;
  /**
   * The per-theme stylesheet (`replaceSync` it). It follows the base stylesheet (`root.adoptedStyleSheets[0]`), which
   * is empty until filled: its parse is a start-up step of its own.
   */
  theme: CSSStyleSheet;
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
  sheet(root);
  const theme = sheet(root);
  const mount = document.createElement('div');
  root.append(mount);
  return { root, mount, theme };
}
