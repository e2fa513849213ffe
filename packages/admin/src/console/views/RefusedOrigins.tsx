import type { ConfigState } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { when } from '../format';
import { api } from '../session';

type Refused = { origin: string; count: number; lastSeenAt: string };

/**
 * Pages whose origin the site does not allow yet (the widget there shows "not available" and warns in the browser
 * console): one click adds the origin to `allowedOrigins` of the published config and publishes it.
 */
export function RefusedOrigins({
  onPublished,
}: {
  onPublished: (state: ConfigState, origin: string) => void;
}) {
  const refused = useSignal<Refused[]>([]);
  const status = useSignal('');
  useEffect(() => {
    api
      .refusedOrigins()
      .then((list) => (refused.value = list))
      .catch(() => {});
  }, []);
  if (!refused.value.length && !status.value) return null;

  const allow = async (origin: string) => {
    try {
      // From the published config, not the form: unpublished edits stay in the form for their own publish.
      const current = await api.currentConfig();
      const allowed = (current.config.allowedOrigins as string[] | undefined) ?? [];
      const state = await api.pushConfig(
        { ...current.config, allowedOrigins: [...allowed.filter((o) => o !== origin), origin] },
        `allow origin ${origin}`,
      );
      refused.value = refused.value.filter((r) => r.origin !== origin);
      status.value = `Allowed ${origin}: published version ${state.version}.`;
      onPublished(state, origin);
    } catch (e) {
      status.value = `Not allowed: ${(e as Error).message}`;
    }
  };

  return (
    <section class="refused-origins" aria-labelledby="refused-origins-title">
      <h2 id="refused-origins-title">Pages refused lately</h2>
      {refused.value.length > 0 && (
        <>
          <p class="muted">
            The widget was embedded on these origins, which are not in <code>allowedOrigins</code>, so it
            shows "not available" there.
          </p>
          <ul>
            {refused.value.map((r) => (
              <li key={r.origin}>
                <code>{r.origin}</code>
                <span class="muted">
                  {r.count} {r.count === 1 ? 'request' : 'requests'}, last {when(r.lastSeenAt)}
                </span>
                <button type="button" onClick={() => allow(r.origin)} aria-label={`Allow ${r.origin}`}>
                  Allow
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {status.value && <p role="status">{status.value}</p>}
    </section>
  );
}
