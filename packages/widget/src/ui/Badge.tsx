import { useWidget } from './context';
import { track } from './track';

/** An unread count: the number for the eye, "3 unread messages" for screen readers. */
export const Badge = track(function Badge({ n }: { n: number }) {
  const w = useWidget();
  if (n <= 0) return null;
  return (
    <span class="bg">
      <span aria-hidden="true">{n > 99 ? '99+' : n}</span>
      <span class="sr">{w.i18n.p('launcher.unread', n)}</span>
    </span>
  );
});
