import { useWidget } from './context';
import { lazy } from './lazy';
import { track } from './track';

const NextOpen = lazy(() => import('./Unavailable'));

/** Whether the team is there and when a reply can be expected. */
export const Availability = track(function Availability() {
  const w = useWidget();
  const { t, p } = w.i18n;
  const a = w.client.availability.value;
  const status = a?.status ?? 'online';
  // No promise of a reply time while nobody is there (the server sends none then).
  const minutes = a ? a.expectedReplyMinutes : (w.config.value?.expectedReplyMinutes ?? null);
  const back = status !== 'online' && a?.nextOpenAt;
  const reply =
    back || minutes === null
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
      {back ? <NextOpen at={back} /> : reply && <p class="mu">{reply}</p>}
    </div>
  );
});
