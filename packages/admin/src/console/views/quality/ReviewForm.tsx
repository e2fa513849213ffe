import type { Criterion, Message, QualityReview } from '@frontdesk/protocol';
import { reviewTotal } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { InboxConversation } from '../../api';
import { navigate } from '../../router';
import { api } from '../../session';
import { qualityApi, totalText } from './qualityApi';
import { type Draft, draftScores, ScoreFields } from './ScoreFields';

/** The transcript of a conversation as plain text (never HTML), internal notes marked. */
export function Transcript(props: { messages: readonly Message[]; highlight?: ReadonlySet<string> }) {
  return (
    <ol class="transcript" aria-label="Transcript">
      {props.messages.map((m) => (
        <li
          key={m.id}
          id={`msg-${m.id}`}
          class={`${m.author.kind}${props.highlight?.has(m.id) ? ' anchored' : ''}${m.internal ? ' internal' : ''}`}
        >
          <span class="transcript-who">
            #{m.seq} {m.author.name ?? m.author.kind}
            {m.internal ? ' (internal note)' : ''}
          </span>
          <span class="transcript-text">{m.text}</span>
        </li>
      ))}
    </ol>
  );
}

/** Score a resolved conversation against a rubric (or a calibration session's copy of it, blind). */
export function ReviewForm(props: { conversationId: string; calibrationId?: string }) {
  const conversation = useSignal<InboxConversation | null>(null);
  const messages = useSignal<Message[]>([]);
  const rubric = useSignal<{ id: string; name: string; criteria: Criterion[] } | null>(null);
  const draft = useSignal<Draft>({});
  const error = useSignal('');
  const done = useSignal<QualityReview | null>(null);
  const busy = useSignal(false);
  useEffect(() => {
    const { conversationId, calibrationId } = props;
    const loadRubric = calibrationId
      ? qualityApi
          .calibration(calibrationId)
          .then((s) => ({ id: s.rubricId, name: s.name, criteria: s.criteria }))
      : Promise.all([qualityApi.rubrics(), qualityApi.queue('open')]).then(([r, queue]) => {
          const wanted = queue.find((i) => i.conversationId === conversationId)?.rubricId;
          const found = r.rubrics.find((x) => x.id === wanted) ?? r.rubrics[0];
          if (!found) throw new Error('The site config has no rubric: add one under quality.rubrics.');
          return found;
        });
    Promise.all([api.conversation(conversationId), api.messages(conversationId), loadRubric])
      .then(([c, m, r]) => {
        conversation.value = c;
        messages.value = m;
        rubric.value = r;
      })
      .catch((e: Error) => (error.value = e.message));
  }, [props.conversationId, props.calibrationId]);

  const r = rubric.value;
  const scores = r ? draftScores(r.criteria, draft.value) : 'x';
  const anchored = new Set(Object.values(draft.value).flatMap((d) => (d.messageId ? [d.messageId] : [])));
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!r) return;
    if (typeof scores === 'string') {
      error.value = `Score every criterion first: "${r.criteria.find((c) => c.id === scores)?.name}" has no value.`;
      return;
    }
    busy.value = true;
    try {
      done.value = await qualityApi.submit({
        conversationId: props.conversationId,
        rubricId: r.id,
        scores,
        ...(props.calibrationId ? { calibrationId: props.calibrationId } : {}),
      });
      error.value = '';
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      busy.value = false;
    }
  };
  const back = () =>
    props.calibrationId
      ? navigate('reviews', 'calibration', props.calibrationId)
      : navigate('reviews', 'queue');
  return (
    <div class="review-form">
      <section class="review-transcript" aria-labelledby="transcript-title">
        <h2 id="transcript-title">{conversation.value?.subject ?? 'Conversation'}</h2>
        <Transcript messages={messages.value} highlight={anchored} />
      </section>
      <form class="review-scores" onSubmit={submit} aria-labelledby="review-title">
        <h2 id="review-title">
          {props.calibrationId ? `Calibration: ${r?.name ?? ''}` : `Review: ${r?.name ?? ''}`}
        </h2>
        {props.calibrationId && <p class="muted">Blind: nobody sees your scores until the session closes.</p>}
        {r && !done.value && (
          <ScoreFields
            criteria={r.criteria}
            draft={draft.value}
            onChange={(d) => {
              draft.value = d;
              error.value = '';
            }}
            messages={messages.value.filter((m) => m.author.kind !== 'system')}
            idPrefix="review"
          />
        )}
        {error.value && (
          <p class="error" role="alert">
            {error.value}
          </p>
        )}
        {done.value ? (
          <p class="ok" role="status">
            Review saved: total {totalText(done.value.score)}.{' '}
            <button type="button" class="link" onClick={back}>
              Back
            </button>
          </p>
        ) : (
          <div class="review-actions">
            <span>
              Total:{' '}
              <strong>
                {r && typeof scores !== 'string' ? totalText(reviewTotal(r.criteria, scores)) : '—'}
              </strong>
            </span>
            <button type="submit" class="primary" disabled={busy.value || !r}>
              Submit review
            </button>
          </div>
        )}
      </form>
    </div>
  );
}
