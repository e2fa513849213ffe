import type { ConversationStatus } from '@frontdesk/protocol';
import { useEffect } from 'preact/hooks';
import { visitorName, when } from '../format';
import {
  assigneeFilter,
  link,
  loadInbox,
  openConversation,
  statusFilter,
  teamFilter,
  teams,
  unread,
  visible,
  visitorTyping,
} from '../inbox';
import { navigate } from '../router';
import { ConversationView } from './Conversation';
import { PreviewText } from './Markdown';
import { teamName } from './TeamPicker';

const STATUSES: ConversationStatus[] = ['open', 'pending', 'resolved'];
const ASSIGNEES = [
  ['all', 'All'],
  ['mine', 'Mine'],
  ['unassigned', 'Unassigned'],
] as const;

/** The inbox: filters and the live list beside the open conversation. */
export function Inbox({ id }: { id: string | undefined }) {
  useEffect(() => {
    if (id) void openConversation(id);
  }, [id]);
  const list = visible.value;
  return (
    <div class={`inbox ${id ? 'has-selection' : ''}`}>
      <section class="inbox-list" aria-label="Conversations">
        <div class="filters">
          <fieldset class="segmented">
            <legend class="visually-hidden">Status</legend>
            {STATUSES.map((s) => (
              <button
                type="button"
                key={s}
                aria-pressed={statusFilter.value === s}
                onClick={() => {
                  statusFilter.value = s;
                  void loadInbox();
                }}
              >
                {s[0]?.toUpperCase() + s.slice(1)}
              </button>
            ))}
          </fieldset>
          <label class="assignee-filter">
            <span class="visually-hidden">Show conversations of</span>
            <select
              value={assigneeFilter.value}
              onChange={(e) => {
                assigneeFilter.value = (e.currentTarget as HTMLSelectElement).value as 'all';
                void loadInbox();
              }}
            >
              {ASSIGNEES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          {teams.value.length > 0 && (
            <label class="assignee-filter">
              <span class="visually-hidden">Filter by team</span>
              <select
                aria-label="Filter by team"
                value={teamFilter.value}
                onChange={(e) => {
                  teamFilter.value = (e.currentTarget as HTMLSelectElement).value;
                  void loadInbox();
                }}
              >
                <option value="all">All teams</option>
                {teams.value.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
                <option value="none">No team</option>
              </select>
            </label>
          )}
        </div>
        <p class={`link-status ${link.value}`} role="status">
          {link.value === 'open'
            ? 'Live'
            : link.value === 'connecting'
              ? 'Connecting…'
              : 'Offline, reconnecting…'}
        </p>
        {list.length === 0 ? (
          <p class="empty">No {statusFilter.value} conversations.</p>
        ) : (
          <ul class="conversation-list">
            {list.map((c) => {
              const isUnread = unread.value.has(c.id);
              return (
                <li key={c.id}>
                  <a
                    href={`#/inbox/${encodeURIComponent(c.id)}`}
                    class={`conversation-row ${isUnread ? 'unread' : ''}`}
                    aria-current={c.id === id ? 'true' : undefined}
                    data-conversation={c.id}
                  >
                    <span class="row-top">
                      <span class="who">
                        {isUnread && <span class="dot" />}
                        {isUnread && <span class="visually-hidden">Unread: </span>}
                        {visitorName(c)}
                        {c.bot === 'answering' && <span class="bot-badge">Bot answering</span>}
                        {c.teamId && <span class="team-badge">{teamName(c.teamId)}</span>}
                      </span>
                      <time>{when(c.lastMessageAt ?? c.createdAt)}</time>
                    </span>
                    <span class="preview">
                      {visitorTyping.value.has(c.id) ? (
                        <em>typing…</em>
                      ) : (
                        <PreviewText text={c.preview ?? c.lastMessage?.text ?? c.subject ?? ''} />
                      )}
                    </span>
                  </a>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {id ? (
        <ConversationView key={id} id={id} onBack={() => navigate('inbox')} />
      ) : (
        <section class="conversation placeholder">
          <p>Pick a conversation. Shortcuts: j/k move, r reply, n note, e resolve, a assign to me, ? help.</p>
        </section>
      )}
    </div>
  );
}
