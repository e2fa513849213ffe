import {
  type ActionPlan,
  type ActionStatus,
  type Analytics,
  type AnalyticsRow,
  CreateActionPlanSchema,
  check,
  type Metric,
} from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { route } from '../../router';
import { api } from '../../session';
import { download } from './download';
import { FIGURES, figure } from './figures';
import { QualityNav } from './QualityNav';

const STATUSES: Array<[ActionStatus, string]> = [
  ['open', 'Open'],
  ['in_progress', 'In progress'],
  ['done', 'Done'],
  ['dropped', 'Dropped'],
];
const METRIC_FIGURES = FIGURES.filter((f) => f.id !== 'conversations');
const ids = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** Action plans: improvement items with the figure they target before and now. On a team's page, its items. */
export function PlansView() {
  const team = route.value[1] === 'team' ? route.value[2] : undefined;
  // `#/stats/plans/new/<scope kind>/<id>/<metric>`: started from a figure of the analytics table.
  const [, page, action, kind, scopeId, metric] = route.value;
  const from = page === 'plans' && action === 'new' ? { kind, id: scopeId, metric } : undefined;
  const plans = useSignal<ActionPlan[] | null>(null);
  const teamRow = useSignal<AnalyticsRow | null>(null);
  const error = useSignal('');
  const status = useSignal('');
  const reload = () =>
    api
      .call<{ plans: ActionPlan[] }>('actionPlans', {}, undefined, { team })
      .then((r) => {
        plans.value = r.plans;
        error.value = '';
      })
      .catch((e: Error) => (error.value = `Could not load action plans: ${e.message}`));
  useEffect(() => {
    void reload();
    if (team)
      void api
        .call<Analytics>('analytics', {}, undefined, { groupBy: 'team' })
        .then((a) => (teamRow.value = a.rows.find((r) => r.key === team) ?? null));
  }, [team]);

  const setStatus = async (plan: ActionPlan, next: ActionStatus) => {
    try {
      await api.call('updateActionPlan', { id: plan.id }, { status: next });
      status.value = `“${plan.title}” is now ${STATUSES.find(([s]) => s === next)![1].toLowerCase()}.`;
      await reload();
    } catch (e) {
      status.value = `Could not change the status: ${(e as Error).message}`;
    }
  };

  return (
    <main class="page stats">
      <QualityNav current={team ? 'team' : 'plans'} />
      <div class="list-head">
        <h1>{team ? `Team ${teamRow.value?.label ?? team}` : 'Action plans'}</h1>
        <button
          type="button"
          onClick={() =>
            download('actionPlans', { team, format: 'csv' }).then(
              (name) => (status.value = `Downloaded ${name}.`),
              (e: Error) => (status.value = `Could not download: ${e.message}`),
            )
          }
        >
          Download CSV
        </button>
      </div>
      <p role="status" class="muted">
        {status.value}
      </p>
      {team && teamRow.value && (
        <section aria-labelledby="team-figures">
          <h2 id="team-figures">Last 30 days</h2>
          <dl class="kpis">
            {FIGURES.map((f) => (
              <div class="kpi" key={f.id}>
                <dt>{f.label}</dt>
                <dd>{f.format(f.value(teamRow.value!))}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {error.value && <p class="error">{error.value}</p>}
      <section aria-labelledby="plans-head">
        <h2 id="plans-head">{team ? 'Action plans of this team' : 'All items'}</h2>
        {plans.value?.length === 0 && <p class="muted">No action plans yet.</p>}
        {plans.value && plans.value.length > 0 && (
          <div class="table-scroll">
            <table class="figures plans">
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Due</th>
                  <th scope="col">Figure</th>
                  <th scope="col">Before</th>
                  <th scope="col">Now</th>
                  <th scope="col">Linked</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {plans.value.map((p) => {
                  const f = figure(p.metric);
                  return (
                    <tr key={p.id}>
                      <th scope="row">{p.title}</th>
                      <td>{p.owner}</td>
                      <td>{p.dueDate}</td>
                      <td>
                        {f.label}
                        <span class="muted">
                          {' '}
                          · {p.scope.id ? `${p.scope.kind} ${p.scope.id}` : 'whole site'}
                        </span>
                      </td>
                      <td>{f.format(p.before.value)}</td>
                      <td>{p.after ? f.format(p.after.value) : '—'}</td>
                      <td>{[...p.conversationIds, ...p.reviewIds].join(', ') || '—'}</td>
                      <td>
                        <select
                          aria-label={`Status of ${p.title}`}
                          value={p.status}
                          onChange={(e) => void setStatus(p, e.currentTarget.value as ActionStatus)}
                        >
                          {STATUSES.map(([s, label]) => (
                            <option key={s} value={s}>
                              {label}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <NewPlan team={team} from={from} onCreated={reload} />
    </main>
  );
}

/** The form for a new item; checked with the same schema the server uses before it is sent. */
function NewPlan(props: {
  team?: string;
  from?: { kind?: string; id?: string; metric?: string };
  onCreated(): Promise<unknown>;
}) {
  const kind = props.from?.kind ?? (props.team ? 'team' : 'site');
  const scopeId = props.from?.id ?? props.team ?? '';
  const metric = props.from?.metric ?? 'firstResponseMedian';
  const formRef = useRef<HTMLFormElement>(null);
  // Start from the figure or team the page was opened for (the fields stay the user's to change).
  useEffect(() => {
    const fields = formRef.current?.elements;
    if (!fields) return;
    (fields.namedItem('scopeKind') as HTMLSelectElement).value = kind;
    (fields.namedItem('scopeId') as HTMLInputElement).value = scopeId;
    (fields.namedItem('metric') as HTMLSelectElement).value = metric;
  }, [kind, scopeId, metric]);
  const message = useSignal('');
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const kind = text('scopeKind') as 'site' | 'agent' | 'team' | 'channel';
    const body = {
      title: text('title'),
      owner: text('owner'),
      dueDate: text('dueDate'),
      metric: text('metric') as Metric,
      scope: kind === 'site' ? { kind } : { kind, id: text('scopeId') },
      conversationIds: ids(text('conversationIds')),
      reviewIds: ids(text('reviewIds')),
    };
    const checked = check(CreateActionPlanSchema, body, '');
    if (!checked.ok) {
      message.value = checked.issues.map((i) => i.message).join(' ');
      return;
    }
    try {
      const plan = await api.call<ActionPlan>('createActionPlan', {}, body);
      message.value = `Added “${plan.title}”: ${figure(plan.metric).label} is ${figure(plan.metric).format(plan.before.value)} now.`;
      form.reset();
      await props.onCreated();
    } catch (e) {
      message.value = (e as Error).message;
    }
  };
  return (
    <form class="card new-plan" aria-labelledby="new-plan" onSubmit={submit} ref={formRef}>
      <h2 id="new-plan">New action plan item</h2>
      <label>
        Title
        <input name="title" required maxLength={200} />
      </label>
      <label>
        Owner (agent email)
        <input name="owner" type="email" required />
      </label>
      <label>
        Due date
        <input name="dueDate" type="date" required />
      </label>
      <label>
        Targeted figure
        <select name="metric">
          {METRIC_FIGURES.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Scope
        <select name="scopeKind">
          <option value="site">Whole site</option>
          <option value="agent">Agent (id)</option>
          <option value="team">Team (id)</option>
          <option value="channel">Channel</option>
        </select>
      </label>
      <label>
        Agent id, team id or channel
        <input name="scopeId" />
      </label>
      <label>
        Linked conversation ids
        <input name="conversationIds" placeholder="cv_…, cv_…" />
      </label>
      <label>
        Linked review ids
        <input name="reviewIds" />
      </label>
      <button type="submit" class="primary">
        Add item
      </button>
      <p role="status">{message.value}</p>
    </form>
  );
}
