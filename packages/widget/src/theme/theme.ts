import type { Theme } from '@frontdesk/protocol';
import { brandPalette } from './contrast';

/** Theme defaults, as the protocol's `ThemeSchema` fills them in. */
export const DEFAULT_THEME: Theme = {
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

/** The per-theme part of the stylesheet: z-index on the host and the colour and size variables. */
export function themeCss(theme: Theme): string {
  const c = brandPalette(theme.brandColor);
  return (
    `:host{z-index:${Math.trunc(theme.zIndex)}!important}` +
    `.r{--b:${c.fill};--ob:${c.onFill};--acl:${c.onLight};--acd:${c.onDark};` +
    `--x:${theme.offsetX}px;--y:${theme.offsetY}px;--w:${theme.panelWidth}px;--h:${theme.panelHeight}px}`
  );
}
