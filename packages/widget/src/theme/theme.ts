import type { Theme } from '@frontdesk/protocol';
import { brandPalette } from './contrast';

/** The per-theme part of the stylesheet: z-index on the host and the colour and size variables. */
export function themeCss(theme: Theme): string {
  const c = brandPalette(theme.brandColor);
  return (
    `:host{z-index:${Math.trunc(theme.zIndex)}!important}` +
    `.r{--b:${c.fill};--ob:${c.onFill};--acl:${c.onLight};--acd:${c.onDark};` +
    `--x:${theme.offsetX}px;--y:${theme.offsetY}px;--w:${theme.panelWidth}px;--h:${theme.panelHeight}px}`
  );
}
