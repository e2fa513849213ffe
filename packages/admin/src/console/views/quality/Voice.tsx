import type { VoicePage } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { api } from '../../session';
import { download } from './download';
import { QualityNav } from './QualityNav';

const PAGE_SIZE = 20;

/** Rating comments and "not solved" answers together: what unhappy customers said, searchable and filterable. */
export function VoiceView() {
  const q = useSignal('');
  const typed = useSignal('');
  const rating = useSignal('');
  const solved = useSignal('');
  const channel = useSignal('');
  const days = useSignal(90);
  const page = useSignal(1);
  const data = useSignal<VoicePage | null>(null);
  const error = useSignal('');
  const note = useSignal('');
  const query = () => ({
    q: q.value || undefined,
    rating: rating.value || undefined,
    solved: solved.value || undefined,
    channel: channel.value || undefined,
    from: new Date(Date.now() - days.value * 86_400_000).toISOString(),
  });
  useEffect(() => {
    let current = true;
    api
      .call<VoicePage>('voice', {}, undefined, {
        ...query(),
        page: String(page.value),
        pageSize: String(PAGE_SIZE),
      })
      .then((v) => {
        if (!current) return;
        data.value = v;
        error.value = '';
      })
      .catch((e: Error) => {
        if (current) error.value = `Could not load comments: ${e.message}`;
      });
    return () => {
      current = false;
    };
  }, [q.value, rating.value, solved.value, channel.value, days.value, page.value]);
  const filter = (set: () => void) => {
    set();
    page.value = 1;
  };
  const v = data.value;
  const pages = v ? Math.max(1, Math.ceil(v.total / v.pageSize)) : 1;
  return (
    <main class="page stats">
      <QualityNav current="voice" />
      <div class="list-head">
        <h1>Voice of the customer</h1>
        <button
          type="button"
          onClick={() =>
            download('voice', { ...query(), format: 'csv', pageSize: '200', page: String(page.value) }).then(
              (name) => (note.value = `Downloaded ${name}.`),
              (e: Error) => (note.value = `Could not download: ${e.message}`),
            )
          }
        >
          Download CSV
        </button>
      </div>
      <p role="status" class="muted">
        {note.value}
      </p>
      <form
        class="filters"
        aria-label="Find comments"
        onSubmit={(e) => {
          e.preventDefault();
          filter(() => (q.value = typed.value.trim()));
        }}
      >
        <label>
          Words
          <input type="search" value={typed.value} onInput={(e) => (typed.value = e.currentTarget.value)} />
        </label>
        <button type="submit">Search</button>
        <label>
          Rating
          <select value={rating.value} onChange={(e) => filter(() => (rating.value = e.currentTarget.value))}>
            <option value="">Any</option>
            <option value="low">1–2 (unhappy)</option>
            {['1', '2', '3', '4', '5'].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Solved
          <select value={solved.value} onChange={(e) => filter(() => (solved.value = e.currentTarget.value))}>
            <option value="">Any</option>
            <option value="no">Not solved</option>
            <option value="yes">Solved</option>
          </select>
        </label>
        <label>
          Channel
          <select
            value={channel.value}
            onChange={(e) => filter(() => (channel.value = e.currentTarget.value))}
          >
            <option value="">Any</option>
            {['chat', 'email', 'form', 'phone'].map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Period
          <select
            value={String(days.value)}
            onChange={(e) => filter(() => (days.value = Number(e.currentTarget.value)))}
          >
            <option value="7">Last 7 days</option>
            <option value="30">Last 30 days</option>
            <option value="90">Last 90 days</option>
            <option value="365">Last 365 days</option>
          </select>
        </label>
      </form>
      {error.value && <p class="error">{error.value}</p>}
      {v && (
        <>
          <p class="muted">
            {v.total} {v.total === 1 ? 'answer' : 'answers'}
          </p>
          <ul class="voice">
            {v.items.map((item) => (
              <li key={item.conversationId}>
                <p class="voice-meta">
                  <span>{new Date(item.createdAt).toLocaleString()}</span>
                  <span>{item.visitorName ?? 'Anonymous visitor'}</span>
                  <span>{item.csat === null ? 'No CSAT' : `CSAT ${item.csat}/5`}</span>
                  {item.solved === false && <span class="badge">Not solved</span>}
                  <span>{item.agentName ?? 'Unassigned'}</span>
                  <span>{item.channel}</span>
                  <a href={`#/inbox/${encodeURIComponent(item.conversationId)}`}>Open conversation</a>
                </p>
                {/* Customer text, shown as text (never as HTML). */}
                <blockquote>
                  {item.comment?.trim() ? item.comment : <span class="muted">(no comment)</span>}
                </blockquote>
              </li>
            ))}
          </ul>
          <nav class="pager" aria-label="Pages">
            <button type="button" disabled={page.value <= 1} onClick={() => page.value--}>
              Previous
            </button>
            <span>
              Page {v.page} of {pages}
            </span>
            <button type="button" disabled={page.value >= pages} onClick={() => page.value++}>
              Next
            </button>
          </nav>
        </>
      )}
    </main>
  );
}
