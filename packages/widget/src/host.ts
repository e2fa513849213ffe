import { CSS } from './theme/styles';

const TAG = 'frontdesk-widget';

/** One stylesheet that can be replaced: adopted where supported, a nonce'd `<style>` elsewhere. */
export interface Sheet {
  replace(css: string): void;
}

function sheet(root: ShadowRoot, nonce: string | undefined): Sheet {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const s = new CSSStyleSheet();
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, s];
    return { replace: (css) => s.replaceSync(css) };
  }
  const el = document.createElement('style');
  if (nonce) el.nonce = nonce;
  root.append(el);
  return { replace: (css) => (el.textContent = css) };
}

/** The shadow root the widget renders into, with its base stylesheet and a theme stylesheet. */
export interface WidgetRoot {
  root: ShadowRoot;
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
export function createRoot(target: HTMLElement | ShadowRoot | undefined, nonce?: string): WidgetRoot {
  if (!customElements.get(TAG)) customElements.define(TAG, class extends HTMLElement {});
  const host = document.createElement(TAG);
  const root = host.attachShadow({ mode: 'open' });
  if (target) host.setAttribute('inline', '');
  (target ?? document.documentElement).append(host);
  sheet(root, nonce).replace(CSS);
  const theme = sheet(root, nonce);
  const mount = document.createElement('div');
  root.append(mount);
  return { root, mount, theme, remove: () => host.remove() };
}
