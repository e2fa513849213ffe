import type { QualityReview } from '@frontdesk/protocol';
import { reviewTotal } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { qualityApi, totalText } from './qualityApi';
import { ReviewCard } from './ReviewCard';
import { type Draft, draftOf, draftScores, ScoreFields } from './ScoreFields';

/** Disputed reviews for managers: uphold the score or change it, with a note to the agent. */
export function Disputes() {
  const reviews = useSignal<QualityReview[] | null>(null);
  const error = useSignal('');
  const open = useSignal<string | null>(null);
  const note = useSignal('');
  const changing = useSignal(false);
  const draft = useSignal<Draft>({});
  const load = () =>
    qualityApi
      .reviews({ status: 'disputed' })
      .then((r) => (reviews.value = r))
      .catch((e: Error) => (error.value = e.message));
  useEffect(() => void load(), []);
  const resolve = async (review: QualityReview) => {
    const scores = draftScores(review.criteria, draft.value);
    try {
      await qualityApi.resolve(review.id, {
        outcome: changing.value ? 'changed' : 'upheld',
        note: note.value,
        ...(changing.value && typeof scores !== 'string' ? { scores } : {}),
      });
      open.value = null;
      note.value = '';
      error.value = '';
      await load();
    } catch (e) {
      error.value = (e as Error).message;
    }
  };
  return (
    <section aria-labelledby="disputes-title">
      <h2 id="disputes-title">Disputes</h2>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      {reviews.value?.length === 0 && <p class="muted">No open disputes.</p>}
      {reviews.value?.map((r) => {
        const scores = draftScores(r.criteria, draft.value);
        return (
          <ReviewCard key={r.id} review={r}>
            {open.value !== r.id ? (
              <button
                type="button"
                onClick={() => {
                  open.value = r.id;
                  changing.value = false;
                  draft.value = draftOf(r.scores);
                }}
              >
                Resolve
              </button>
            ) : (
              <form
                class="stack-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void resolve(r);
                }}
              >
                <fieldset class="criterion">
                  <legend>Outcome</legend>
                  <label class="check">
                    <input
                      type="radio"
                      name="outcome"
                      checked={!changing.value}
                      onChange={() => (changing.value = false)}
                    />
                    Uphold the score
                  </label>
                  <label class="check">
                    <input
                      type="radio"
                      name="outcome"
                      checked={changing.value}
                      onChange={() => (changing.value = true)}
                    />
                    Change the score
                  </label>
                </fieldset>
                {changing.value && (
                  <>
                    <ScoreFields
                      criteria={r.criteria}
                      draft={draft.value}
                      onChange={(d) => (draft.value = d)}
                      idPrefix={`d-${r.id}`}
                    />
                    <p>
                      New total:{' '}
                      <strong>
                        {typeof scores === 'string' ? '—' : totalText(reviewTotal(r.criteria, scores))}
                      </strong>
                    </p>
                  </>
                )}
                <label>
                  Note to the agent
                  <textarea
                    rows={2}
                    required
                    value={note.value}
                    onInput={(e) => (note.value = e.currentTarget.value)}
                  />
                </label>
                <div class="edit-actions">
                  <button type="submit" class="primary">
                    Resolve dispute
                  </button>
                  <button type="button" onClick={() => (open.value = null)}>
                    Cancel
                  </button>
                </div>
              </form>
            )}
          </ReviewCard>
        );
      })}
    </section>
  );
}
