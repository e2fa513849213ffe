import type { QualityReview } from '@frontdesk/protocol';
import type { ComponentChildren } from 'preact';
import { totalText, valueText } from './qualityApi';

const STATUS: Record<QualityReview['status'], string> = {
  submitted: 'New',
  acknowledged: 'Acknowledged',
  disputed: 'Disputed',
  resolved: 'Dispute resolved',
};

/** A review: total, each criterion with its value and comment, the dispute and its resolution. */
export function ReviewCard(props: {
  review: QualityReview;
  children?: ComponentChildren;
  headingLevel?: 2 | 3;
}) {
  const r = props.review;
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <article class="card review-card" aria-labelledby={`review-${r.id}`}>
      <header class="review-head">
        <Heading id={`review-${r.id}`}>
          {totalText(r.score)} <span class="muted">/ 100</span>
        </Heading>
        <span class={`badge ${r.status}`}>{STATUS[r.status]}</span>
        <span class="muted">
          {r.agentName ?? 'Nobody'} · reviewed by {r.reviewerName ?? 'a former reviewer'} ·{' '}
          {new Date(r.createdAt).toLocaleDateString()} ·{' '}
          <a href={`#/inbox/${r.conversationId}`}>conversation</a>
        </span>
      </header>
      <table class="review-scores-table">
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Score</th>
            <th scope="col">Comment</th>
          </tr>
        </thead>
        <tbody>
          {r.criteria.map((c) => {
            const s = r.scores.find((x) => x.criterionId === c.id);
            return (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                <td>{valueText(c.scale, s?.value)}</td>
                <td>
                  {s?.comment ?? ''}
                  {s?.messageId && <span class="muted"> (about a message)</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {r.disputeReason && (
        <p>
          <strong>Dispute:</strong> {r.disputeReason}
        </p>
      )}
      {r.resolution && (
        <p>
          <strong>{r.resolution === 'upheld' ? 'Score upheld' : 'Score changed'}:</strong> {r.resolutionNote}
        </p>
      )}
      {props.children}
    </article>
  );
}
