export type {
  Command,
  FrontdeskGlobal,
  FrontdeskQueue,
  ShowMessage,
  ViewName,
  WidgetApi,
  WidgetEventName,
  WidgetEvents,
  WidgetGetter,
  WidgetListener,
} from './api';
export type { MountedWidget, MountOptions } from './embed';
export { mountWidget } from './embed';
export type { SupportedLocale } from './i18n/i18n';
export { chooseLocale, LOCALES } from './i18n/i18n';
export type { BootOptions } from './options';
export type { TextKey } from './texts';
export { TEXT_KEYS, TEXTS } from './texts';
export { brandPalette, contrast, ensureContrast } from './theme/contrast';
