import type { Calibration, QueueItem, Rubric } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { navigate } from '../../router';
import { qualityApi, totalText, valueText } from './qualityApi';

const alphaText = (alpha: number | null) => (alpha === null ? 'n/a (no variation)' : alpha.toFixed(3));

/** A new session: a name, a rubric, conversations already reviewed or waiting, and at least two reviewers. */
function CreateSession(props: { onCreated: (id: string) => void }) {
  const rubrics = useSignal<Rubric[]>([]);
  const reviewers = useSignal<{ id: string; name: string }[]>([]);
  const conversations = useSignal<QueueItem[]>([]);
  const name = useSignal('');
  const rubricId = useSignal('');
  const picked = useSignal<Set<string>>(new Set());
  const people = useSignal<Set<string>>(new Set());
  const error = useSignal('');
  useEffect(() => {
    Promise.all([
      qualityApi.rubrics(),
      qualityApi.reviewers(),
      qualityApi.queue('open'),
      qualityApi.queue('done'),
    ])
      .then(([r, people_, open, done]) => {
        rubrics.value = r.rubrics;
        rubricId.value = r.rubrics[0]?.id ?? '';
        reviewers.value = people_;
        conversations.value = [...open, ...done];
      })
      .catch((e: Error) => (error.value = e.message));
  }, []);
  const toggle = (set: typeof picked, id: string) => {
    const next = new Set(set.value);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    set.value = next;
  };
  const create = async (event: Event) => {
    event.preventDefault();
    try {
      const session = await qualityApi.createCalibration({
        name: name.value,
        rubricId: rubricId.value,
        conversationIds: [...picked.value],
        reviewerIds: [...people.value],
      });
      props.onCreated(session.id);
    } catch (e) {
      error.value = (e as Error).message;
    }
  };
  return (
    <form class="card stack-form calibration-create" onSubmit={create} aria-labelledby="new-session">
      <h3 id="new-session">New calibration session</h3>
      <label>
        Name
        <input required value={name.value} onInput={(e) => (name.value = e.currentTarget.value)} />
      </label>
      <label>
        Rubric
        <select value={rubricId.value} onChange={(e) => (rubricId.value = e.currentTarget.value)}>
          {rubrics.value.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="criterion">
        <legend>Conversations</legend>
        {conversations.value.map((c) => (
          <label key={c.id} class="check">
            <input
              type="checkbox"
              checked={picked.value.has(c.conversationId)}
              onChange={() => toggle(picked, c.conversationId)}
            />
            {c.subject ?? c.conversationId} <span class="muted">({c.agentName ?? 'nobody'})</span>
          </label>
        ))}
      </fieldset>
      <fieldset class="criterion">
        <legend>Reviewers (at least two)</legend>
        {reviewers.value.map((r) => (
          <label key={r.id} class="check">
            <input type="checkbox" checked={people.value.has(r.id)} onChange={() => toggle(people, r.id)} />
            {r.name}
          </label>
        ))}
      </fieldset>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      <button type="submit" class="primary">
        Create session
      </button>
    </form>
  );
}

/** One session: what to score (blind), who has submitted, and once closed the agreement per criterion. */
function Session(props: { id: string; manager: boolean }) {
  const session = useSignal<Calibration | null>(null);
  const error = useSignal('');
  const load = () =>
    qualityApi
      .calibration(props.id)
      .then((s) => (session.value = s))
      .catch((e: Error) => (error.value = e.message));
  useEffect(() => void load(), [props.id]);
  const s = session.value;
  if (!s) return error.value ? <p class="error">{error.value}</p> : <p class="muted">Loading…</p>;
  const mine = new Set(s.mine.map((r) => r.conversationId));
  return (
    <section aria-labelledby="session-title">
      <div class="list-head">
        <h2 id="session-title">
          {s.name} <span class={`badge ${s.status}`}>{s.status}</span>
        </h2>
        {props.manager && s.status === 'open' && (
          <button
            type="button"
            onClick={() =>
              qualityApi.closeCalibration(s.id).then(
                (x) => (session.value = x),
                (e: Error) => (error.value = e.message),
              )
            }
          >
            Close session and show results
          </button>
        )}
      </div>
      <p class="muted">
        Submitted: {s.reviewers.map((r) => `${r.name} ${r.submitted}/${s.conversationIds.length}`).join(', ')}
      </p>
      {s.status === 'open' && (
        <ul class="plain-list">
          {s.conversationIds.map((id, i) => (
            <li key={id}>
              Conversation {i + 1}:{' '}
              {mine.has(id) ? (
                <span class="ok">scored</span>
              ) : (
                <a href={`#/reviews/calibrate/${s.id}/${id}`}>Score conversation {i + 1}</a>
              )}
            </li>
          ))}
        </ul>
      )}
      {s.results && (
        <>
          <table>
            <caption>Agreement per criterion (Krippendorff's alpha, ordinal)</caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Alpha</th>
                <th scope="col">Largest spread (range)</th>
              </tr>
            </thead>
            <tbody>
              {s.results.criteria.map((c) => (
                <tr key={c.criterionId}>
                  <th scope="row">{c.name}</th>
                  <td>{alphaText(c.alpha)}</td>
                  <td>{Math.max(0, ...c.items.map((x) => x.range ?? 0))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>Scores per conversation</caption>
            <thead>
              <tr>
                <th scope="col">Conversation</th>
                <th scope="col">Criterion</th>
                {s.results.reviewerIds.map((id) => (
                  <th scope="col" key={id}>
                    {s.reviewers.find((r) => r.id === id)?.name ?? id}
                  </th>
                ))}
                <th scope="col">Range</th>
                <th scope="col">Std</th>
              </tr>
            </thead>
            <tbody>
              {s.conversationIds.flatMap((conversationId, i) => [
                ...s.results!.criteria.map((c) => {
                  const item = c.items[i]!;
                  const scale = s.criteria.find((x) => x.id === c.criterionId)?.scale ?? '1-5';
                  return (
                    <tr key={`${conversationId}-${c.criterionId}`}>
                      <th scope="row">{i + 1}</th>
                      <td>{c.name}</td>
                      {item.values.map((v, j) => (
                        <td key={s.results!.reviewerIds[j]}>{valueText(scale, v)}</td>
                      ))}
                      <td>{item.range ?? '—'}</td>
                      <td>{item.std ?? '—'}</td>
                    </tr>
                  );
                }),
                <tr key={`${conversationId}-total`} class="total-row">
                  <th scope="row">{i + 1}</th>
                  <td>Total</td>
                  {s.results!.totals[i]!.values.map((v, j) => (
                    <td key={s.results!.reviewerIds[j]}>{totalText(v)}</td>
                  ))}
                  <td>{s.results!.totals[i]!.range ?? '—'}</td>
                  <td>{s.results!.totals[i]!.std ?? '—'}</td>
                </tr>,
              ])}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** Calibration: sessions list, a new-session form for managers, or one session. */
export function CalibrationView(props: { id?: string; manager: boolean }) {
  const sessions = useSignal<Calibration[] | null>(null);
  const creating = useSignal(false);
  const error = useSignal('');
  useEffect(() => {
    if (!props.id)
      qualityApi
        .calibrations()
        .then((s) => (sessions.value = s))
        .catch((e: Error) => (error.value = e.message));
  }, [props.id]);
  if (props.id) return <Session id={props.id} manager={props.manager} />;
  return (
    <section aria-labelledby="calibration-title">
      <div class="list-head">
        <h2 id="calibration-title">Calibration sessions</h2>
        {props.manager && !creating.value && (
          <button type="button" onClick={() => (creating.value = true)}>
            New session
          </button>
        )}
      </div>
      {creating.value && <CreateSession onCreated={(id) => navigate('reviews', 'calibration', id)} />}
      {error.value && <p class="error">{error.value}</p>}
      {sessions.value?.length === 0 && <p class="muted">No sessions yet.</p>}
      <ul class="plain-list">
        {sessions.value?.map((s) => (
          <li key={s.id}>
            <a href={`#/reviews/calibration/${s.id}`}>{s.name}</a>{' '}
            <span class={`badge ${s.status}`}>{s.status}</span>{' '}
            <span class="muted">
              {s.conversationIds.length} conversations, {s.reviewers.length} reviewers
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
