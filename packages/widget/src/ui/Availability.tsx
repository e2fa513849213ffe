import { useWidget } from './context';
import { track } from './track';

/** Whether the team is there and when a reply can be expected. */
export const Availability = track(function Availability() {
  const w = useWidget();
  const { t, p } = w.i18n;
  const a = w.client.availability.value;
  const status = a?.status ?? 'online';
  // No promise of a reply time while nobody is there (the server sends none then).
  const minutes = a ? a.expectedReplyMinutes : (w.config.value?.expectedReplyMinutes ?? null);
  const reply =
    status !== 'online' && a?.nextOpenAt
      ? t('reply.nextOpen', { time: w.i18n.when(a.nextOpenAt) })
      : minutes === null
        ? ''
        : minutes >= 90
          ? p('reply.hours', Math.round(minutes / 60))
          : p('reply.minutes', Math.max(1, minutes));
  return (
    <div>
      <p class="av">
        <span class={`dot${status === 'online' ? ' on' : ''}`} aria-hidden="true" />
        {t(`status.${status}`)}
      </p>
      {reply && <p class="mu">{reply}</p>}
    </div>
  );
});
