import type { QueueItem, SampleReason } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { navigate } from '../../router';
import { agent } from '../../session';
import { qualityApi } from './qualityApi';

/** Why a conversation was sampled, in words. */
export const REASONS: Record<SampleReason, string> = {
  random: 'Random sample',
  lowCsat: 'Low CSAT',
  notSolved: 'Not solved',
  slowFirstResponse: 'Slow first response',
  escalated: 'Escalated',
  newAgent: 'New agent',
};

/** The review queue: sampled conversations, why each was picked, claim one to review it. */
export function Queue() {
  const items = useSignal<QueueItem[] | null>(null);
  const error = useSignal('');
  const load = () =>
    qualityApi
      .queue('open')
      .then((i) => (items.value = i))
      .catch((e: Error) => (error.value = e.message));
  useEffect(() => void load(), []);
  const claim = async (item: QueueItem) => {
    try {
      if (item.claimedBy !== agent.value?.id) await qualityApi.claim(item.id);
      navigate('reviews', 'review', item.conversationId);
    } catch (e) {
      error.value = (e as Error).message;
      await load();
    }
  };
  return (
    <section aria-labelledby="queue-title">
      <h2 id="queue-title">Review queue</h2>
      <p class="muted">Conversations sampled by the site's rules; claim one to review it.</p>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      {items.value?.length === 0 && <p class="muted">Nothing waiting for review.</p>}
      {items.value && items.value.length > 0 && (
        <table class="queue-table">
          <thead>
            <tr>
              <th scope="col">Conversation</th>
              <th scope="col">Agent</th>
              <th scope="col">Why sampled</th>
              <th scope="col">Resolved</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.value.map((item) => {
              const mine = item.claimedBy === agent.value?.id;
              return (
                <tr key={item.id}>
                  <td>{item.subject ?? 'Conversation'}</td>
                  <td>{item.agentName ?? '—'}</td>
                  <td>
                    {item.reasons.map((r) => (
                      <span key={r} class="badge reason">
                        {REASONS[r]}
                      </span>
                    ))}
                  </td>
                  <td>{item.resolvedAt ? new Date(item.resolvedAt).toLocaleDateString() : '—'}</td>
                  <td>
                    {item.claimedBy && !mine ? (
                      <span class="muted">Claimed by {item.claimedByName}</span>
                    ) : (
                      <button type="button" onClick={() => claim(item)}>
                        {mine ? 'Continue' : 'Claim and review'}
                        <span class="visually-hidden"> {item.subject ?? item.conversationId}</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
