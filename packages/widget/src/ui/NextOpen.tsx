import EN_VIEWS from '../i18n/enViews';
import { useWidget } from './context';
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

/**
 * "We are back today at 8:00" while the site is closed. Its own chunk: only a closed site needs it, and the open
 * panel has no bytes to spare.
 */
export default track(function NextOpen({ at }: { at: string }) {
  const { i18n } = useWidget();
  i18n.add(EN_VIEWS);
  return <p class="mu">{i18n.t('reply.nextOpen', dayAndTime(i18n.tag.value, at))}</p>;
});
