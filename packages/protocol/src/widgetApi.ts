import * as v from 'valibot';
import { ThemeSchema } from './config';

// Arguments of the widget's run-time JS API (`Frontdesk('setTheme', …)` and friends), checked in the browser
// before anything changes, so a bad value names the argument instead of breaking the panel.

const theme = ThemeSchema.entries;
const offset = v.pipe(v.number(), v.integer('a whole number of pixels'), v.minValue(0), v.maxValue(400));
const zIndex = v.pipe(v.number(), v.integer('an integer'));

/** `setTheme(theme)`: any theme key of the site config, each optional (no defaults: what is left out stays). */
export const ThemeOverrideSchema = v.strictObject({
  brandColor: v.optional(theme.brandColor.wrapped),
  mode: v.optional(theme.mode.wrapped),
  position: v.optional(theme.position.wrapped),
  offsetX: v.optional(offset),
  offsetY: v.optional(offset),
  zIndex: v.optional(zIndex),
  panelWidth: v.optional(theme.panelWidth.wrapped),
  panelHeight: v.optional(theme.panelHeight.wrapped),
  logoUrl: theme.logoUrl,
  avatarUrl: theme.avatarUrl,
  hideLauncher: v.optional(theme.hideLauncher.wrapped),
});
export type ThemeOverride = v.InferOutput<typeof ThemeOverrideSchema>;

/** `setPosition(position)`: the launcher's corner and its distance from the side and the bottom, in CSS pixels. */
export const PositionSchema = v.strictObject({
  side: v.optional(theme.position.wrapped),
  offsetX: v.optional(offset),
  offsetY: v.optional(offset),
});
export type Position = v.InferOutput<typeof PositionSchema>;

/** `setZIndex(n)`: the z-index of the widget's host element (an integer). */
export const ZIndexSchema = zIndex;

/** `suggest(articleIds | query)`: up to 5 article ids, or a help-center search (empty array: no suggestions). */
export const SuggestSchema = v.union([
  v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(100))), v.maxLength(5)),
  v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
]);
export type Suggest = v.InferOutput<typeof SuggestSchema>;

/** `showConversation(id)` / `showTicket(id)`: a server id (a ticket also by its reference, e.g. `T-1001`). */
export const ShowIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(100));

/** Body of `POST /v1/popout/exchange`: the one-time code the popout page got in its URL fragment. */
export const PopoutExchangeSchema = v.strictObject({
  code: v.pipe(v.string(), v.minLength(16), v.maxLength(100), v.regex(/^[\w-]+$/, 'a popout code')),
});
export type PopoutExchange = v.InferOutput<typeof PopoutExchangeSchema>;

/** Answer of `POST /v1/popout`: a one-time code, valid for `expiresInSeconds`, for the popout page to exchange. */
export interface PopoutCode {
  code: string;
  expiresInSeconds: number;
}
