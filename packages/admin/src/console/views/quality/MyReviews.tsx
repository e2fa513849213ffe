import type { QualityReview } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { qualityApi } from './qualityApi';
import { ReviewCard } from './ReviewCard';

/** The signed-in agent's reviews: acknowledge one, or dispute it with a reason. */
export function MyReviews() {
  const reviews = useSignal<QualityReview[] | null>(null);
  const error = useSignal('');
  const disputing = useSignal<string | null>(null);
  const reason = useSignal('');
  const load = () =>
    qualityApi
      .reviews({ agent: 'me' })
      .then((r) => (reviews.value = r))
      .catch((e: Error) => (error.value = e.message));
  useEffect(() => void load(), []);
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      error.value = '';
      disputing.value = null;
      reason.value = '';
      await load();
    } catch (e) {
      error.value = (e as Error).message;
    }
  };
  return (
    <section aria-labelledby="mine-title">
      <h2 id="mine-title">My reviews</h2>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      {reviews.value?.length === 0 && <p class="muted">Nobody has reviewed your conversations yet.</p>}
      {reviews.value?.map((r) => (
        <ReviewCard key={r.id} review={r}>
          {r.status === 'submitted' && disputing.value !== r.id && (
            <div class="edit-actions">
              <button type="button" onClick={() => act(() => qualityApi.acknowledge(r.id))}>
                Acknowledge
              </button>
              <button type="button" onClick={() => (disputing.value = r.id)}>
                Dispute
              </button>
            </div>
          )}
          {disputing.value === r.id && (
            <form
              class="stack-form"
              onSubmit={(e) => {
                e.preventDefault();
                void act(() => qualityApi.dispute(r.id, reason.value));
              }}
            >
              <label>
                Why do you dispute this review?
                <textarea
                  rows={3}
                  required
                  value={reason.value}
                  onInput={(e) => (reason.value = e.currentTarget.value)}
                />
              </label>
              <div class="edit-actions">
                <button type="submit" class="primary">
                  Send dispute
                </button>
                <button type="button" onClick={() => (disputing.value = null)}>
                  Cancel
                </button>
              </div>
            </form>
          )}
        </ReviewCard>
      ))}
    </section>
  );
}
