import type { Criterion, CriterionScore, Message } from '@frontdesk/protocol';

/** One value per criterion being edited; `undefined` while not chosen yet. */
export type Draft = Record<string, { value?: number | null; comment?: string; messageId?: string }>;

/** The scores of a draft, or the id of the first criterion still without a value. */
export function draftScores(criteria: readonly Criterion[], draft: Draft): CriterionScore[] | string {
  const out: CriterionScore[] = [];
  for (const c of criteria) {
    const d = draft[c.id];
    if (d?.value === undefined) return c.id;
    out.push({
      criterionId: c.id,
      value: d.value,
      ...(d.comment?.trim() ? { comment: d.comment.trim() } : {}),
      ...(d.messageId ? { messageId: d.messageId } : {}),
    });
  }
  return out;
}

/** A draft holding the values of existing scores (to change them). */
export function draftOf(scores: readonly CriterionScore[]): Draft {
  return Object.fromEntries(scores.map((s) => [s.criterionId, { ...s }]));
}

const choices = (c: Criterion): [number | null, string][] => [
  ...(c.scale === 'pass-fail'
    ? ([
        [1, 'Pass'],
        [0, 'Fail'],
      ] as [number, string][])
    : [1, 2, 3, 4, 5].map((n) => [n, String(n)] as [number, string])),
  ...(c.allowNotApplicable ? [[null, 'N/A'] as [null, string]] : []),
];

/**
 * The criteria of a rubric as radio groups (the scale as buttons, "N/A" where allowed), each with an optional
 * comment and the message it is about.
 */
export function ScoreFields(props: {
  criteria: readonly Criterion[];
  draft: Draft;
  onChange: (draft: Draft) => void;
  messages?: readonly Message[];
  idPrefix: string;
}) {
  const { criteria, draft, onChange, messages, idPrefix } = props;
  const set = (id: string, patch: Draft[string]) => onChange({ ...draft, [id]: { ...draft[id], ...patch } });
  return (
    <div class="score-fields">
      {criteria.map((c) => {
        const d = draft[c.id] ?? {};
        const key = `${idPrefix}-${c.id}`;
        return (
          <fieldset key={c.id} class="criterion">
            <legend>
              {c.name}
              {c.weight !== 1 && <span class="muted"> ×{c.weight}</span>}
              {c.autoFail && <span class="badge fail">auto-fail</span>}
            </legend>
            {c.description && <p class="muted">{c.description}</p>}
            <div class="scale">
              {choices(c).map(([value, label]) => (
                <label key={label} class={d.value === value ? 'chosen' : ''}>
                  <input
                    type="radio"
                    class="scale-radio"
                    name={key}
                    checked={d.value === value}
                    onChange={() => set(c.id, { value })}
                  />
                  {label}
                </label>
              ))}
            </div>
            <div class="comment-row">
              <label>
                Comment
                <textarea
                  rows={2}
                  value={d.comment ?? ''}
                  onInput={(e) => set(c.id, { comment: e.currentTarget.value })}
                />
              </label>
              {messages && messages.length > 0 && (
                <label>
                  About message
                  <select
                    value={d.messageId ?? ''}
                    onChange={(e) => set(c.id, { messageId: e.currentTarget.value || undefined })}
                  >
                    <option value="">The whole conversation</option>
                    {messages.map((m) => (
                      <option key={m.id} value={m.id}>
                        #{m.seq} {m.author.name ?? m.author.kind}: {m.text.slice(0, 60)}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
