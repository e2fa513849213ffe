import EN_VIEWS from '../i18n/enViews';
import { useWidget } from './context';
import { Icon } from './Icon';
import { track, useSignal } from './track';

/** Icon path, here rather than in `icons.ts` so it loads with this view. */
const STAR = 'M12 3l2.8 5.7 6.2.9-4.5 4.4 1 6.2-5.5-2.9-5.5 2.9 1-6.2L3 9.6l6.2-.9z';

/** Styles of the stars and the 0–10 scale, here so that they load with this view, not with every chat. */
const RATING_CSS = `
.rt fieldset{border:0;padding:0;margin:0 0 10px;min-width:0}
.stars{display:flex;gap:4px}
.stars label{width:44px;height:44px;display:grid;place-items:center;color:var(--mu);border-radius:8px;cursor:pointer}
.stars label:focus-within{outline:3px solid var(--ac)}
.stars .on{color:#b06000}
.stars svg{width:30px;height:30px}
.nps{display:grid;grid-template-columns:repeat(11,1fr);gap:3px}
.nps label{height:36px;display:grid;place-items:center;border:1px solid var(--bd);border-radius:6px;font-size:14px;cursor:pointer;color:var(--fg)}
.nps label:focus-within{outline:3px solid var(--ac)}
.nps .on{background:var(--b);color:var(--ob);border-color:var(--b)}
.nps-ends{display:flex;justify-content:space-between;font-size:12px;color:var(--mu);margin:4px 0 0}
`;

/**
 * "Is your problem solved?" (Yes / No — No reopens the conversation), then CSAT 1–5 and/or NPS 0–10 (per the
 * site's `rating` settings) with an optional comment, asked when a conversation is resolved. Lazy-loaded.
 */
export default track(function Rating({
  conversation,
  conversationId,
}: {
  conversation: string;
  conversationId: string | null;
}) {
  const w = useWidget();
  w.i18n.add(EN_VIEWS);
  w.style(RATING_CSS);
  const { t, p } = w.i18n;
  const settings = w.config.value?.rating;
  const askCsat = settings?.csat !== false;
  const askNps = settings?.nps === true;
  const csat = useSignal(0);
  const nps = useSignal(-1);
  // Every part is optional: the visitor can send as soon as they gave any answer, and only what they gave is sent.
  const answered = (askCsat && csat.value > 0) || (askNps && nps.value >= 0);
  const comment = useSignal('');
  const state = useSignal<'ask' | 'busy' | 'done' | 'failed'>('ask');
  // First "Is your problem solved?": Yes is recorded at once, then the rating; No reopens the conversation.
  const step = useSignal<'solved' | 'rate'>('solved');
  if (state.value === 'done' || (w.rated.value.includes(conversation) && step.value !== 'rate'))
    return (
      <p class="card ok" role="status">
        {t('rating.thanks')}
      </p>
    );
  const solved = (yes: boolean) => {
    state.value = 'busy';
    // In `rated` before the client clears the request, so this card stays for the stars.
    if (yes) {
      step.value = 'rate';
      w.rated.value = [...w.rated.value, conversation];
    }
    w.client
      .rate(conversation, { solved: yes })
      .then(() => (state.value = 'ask'))
      .catch(() => {
        state.value = 'failed';
        step.value = 'solved';
      });
  };
  if (step.value === 'solved')
    return (
      <fieldset class="card bq">
        <legend>{t('rating.solved')}</legend>
        <button type="button" class="btn2" disabled={state.value === 'busy'} onClick={() => solved(true)}>
          {t('rating.yes')}
        </button>
        <button type="button" class="btn2" disabled={state.value === 'busy'} onClick={() => solved(false)}>
          {t('rating.no')}
        </button>
        {state.value === 'failed' && (
          <p class="er" role="alert">
            {t('error.generic')}
          </p>
        )}
      </fieldset>
    );
  return (
    <form
      class="card rt"
      onSubmit={(e) => {
        e.preventDefault();
        if (!answered) return;
        state.value = 'busy';
        const text = comment.value.trim();
        const given = {
          csat: askCsat && csat.value > 0 ? csat.value : null,
          nps: askNps && nps.value >= 0 ? nps.value : null,
        };
        w.client
          .rate(conversation, {
            ...(given.csat ? { csat: given.csat } : {}),
            ...(given.nps !== null ? { nps: given.nps } : {}),
            ...(text ? { comment: text } : {}),
          })
          .then(() => {
            w.rated.value = [...w.rated.value, conversation];
            state.value = 'done';
            w.emit('ratingSubmitted', { conversationId, ...given, comment: text || null });
          })
          .catch(() => (state.value = 'failed'));
      }}
    >
      {askCsat && (
        <fieldset>
          <legend class="lab">{t('rating.title')}</legend>
          <div class="stars">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} class={n <= csat.value ? 'on' : undefined}>
                <input
                  class="sr"
                  type="radio"
                  name="fd-csat"
                  value={n}
                  aria-label={p('rating.star', n)}
                  checked={csat.value === n}
                  onChange={(e) => {
                    csat.value = n;
                    // Keep the comment box and the button that just appeared in view (inside the panel only).
                    const list = e.currentTarget.closest('.ms');
                    requestAnimationFrame(() => list?.scrollTo({ top: list.scrollHeight }));
                  }}
                />
                <Icon d={STAR} fill={n <= csat.value} />
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {askNps && (
        <fieldset>
          <legend class="lab">{t('rating.nps')}</legend>
          <div class="nps">
            {Array.from({ length: 11 }, (_, n) => (
              <label key={n} class={n === nps.value ? 'on' : undefined}>
                <input
                  class="sr"
                  type="radio"
                  name="fd-nps"
                  value={n}
                  checked={nps.value === n}
                  onChange={() => (nps.value = n)}
                />
                {n}
              </label>
            ))}
          </div>
          <p class="nps-ends" aria-hidden="true">
            <span>{t('rating.npsLow')}</span>
            <span>{t('rating.npsHigh')}</span>
          </p>
        </fieldset>
      )}
      {answered && (
        <>
          <label class="lab" for="fd-rate-c">
            {t('rating.comment')}
          </label>
          <textarea
            id="fd-rate-c"
            class="in"
            rows={2}
            maxLength={2000}
            value={comment.value}
            onInput={(e) => (comment.value = e.currentTarget.value)}
          />
          <button type="submit" class="btn" disabled={state.value === 'busy'}>
            {t('rating.submit')}
          </button>
        </>
      )}
      {state.value === 'failed' && (
        <p class="er" role="alert">
          {t('error.generic')}
        </p>
      )}
    </form>
  );
});
