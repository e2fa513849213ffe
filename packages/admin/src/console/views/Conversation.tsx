import type { Agent, Attachment, CannedResponse } from '@frontdesk/protocol';
import { useComputed, useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { VisitorContext } from '../api';
import { visitorName, when } from '../format';
import {
  canned,
  conversations,
  liveVisitors,
  messages,
  sendMessage,
  sendTyping,
  updateConversation,
  visitorTyping,
} from '../inbox';
import { navigate } from '../router';
import { agent, api, isAdmin } from '../session';
import { AddQuestion } from './AddQuestion';
import { AttachmentLink } from './AttachmentLink';
import { ConversationFieldsAndTags, LeadAndCompany } from './ConversationData';
import { MessageText } from './Markdown';
import { TeamPicker } from './TeamPicker';
import { VisitorData } from './VisitorData';

/** Canned responses matching what follows `/` at the start of the composer. */
function cannedMatches(text: string, list: readonly CannedResponse[]): CannedResponse[] {
  const m = /^\/([\w-]*)$/.exec(text);
  if (!m) return [];
  const q = (m[1] ?? '').toLowerCase();
  return list.filter((c) => c.shortcut.startsWith(q) || c.title.toLowerCase().includes(q)).slice(0, 8);
}

/** Unsent replies by conversation: switching conversations neither loses one nor carries it over to another. */
const drafts = new Map<string, string>();

/**
 * One conversation: messages, composer (reply or note, `/` for canned responses), actions and visitor context.
 * Render it with `key={id}`: its state (draft, files, context) belongs to one conversation.
 */
export function ConversationView({ id, onBack }: { id: string; onBack(): void }) {
  const conversation = useComputed(() => conversations.value.get(id));
  const list = useComputed(() => messages.value[id] ?? []);
  const text = useSignal(drafts.get(id) ?? '');
  const mode = useSignal<'reply' | 'note'>('reply');
  const pick = useSignal(0);
  const error = useSignal('');
  const showContext = useSignal(false);
  const files = useSignal<Attachment[]>([]);
  const uploading = useSignal(false);
  const context = useSignal<VisitorContext | null>(null);
  const agents = useSignal<Agent[]>([]);
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLOListElement>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout>>();
  const typingSentAt = useRef(0);

  const visitorId = conversation.value?.visitorId;
  useEffect(() => {
    if (!visitorId) return;
    void api.visitorContext(visitorId).then(
      (c) => (context.value = c),
      () => (context.value = null),
    );
  }, [visitorId]);
  useEffect(() => {
    if (isAdmin())
      void api.agents().then(
        (a) => (agents.value = a),
        () => undefined,
      );
  }, []);
  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [list.value.length]);
  useEffect(
    () => () => {
      if (text.value.trim()) drafts.set(id, text.value);
      else drafts.delete(id);
      // Leaving while "typing…" shows on the visitor's side: say it stopped.
      if (typingTimer.current !== undefined) sendTyping(id, false);
      clearTimeout(typingTimer.current);
    },
    [],
  );
  useEffect(() => {
    const focus = (event: Event) => {
      mode.value = (event as CustomEvent<'reply' | 'note'>).detail;
      input.current?.focus();
    };
    addEventListener('console:compose', focus);
    return () => removeEventListener('console:compose', focus);
  }, []);

  const c = conversation.value;
  if (!c) return <section class="conversation placeholder">Loading…</section>;
  const matches = cannedMatches(text.value, canned.value);

  const send = async () => {
    const body = text.value.trim();
    if (!body) return;
    error.value = '';
    text.value = '';
    const attached = files.value;
    files.value = [];
    clearTimeout(typingTimer.current);
    typingTimer.current = undefined;
    sendTyping(id, false);
    try {
      await sendMessage(id, body, mode.value === 'note', attached);
    } catch (e) {
      error.value = `Not sent: ${(e as Error).message}`;
      text.value = body;
      drafts.set(id, body); // also when the agent has moved on meanwhile
      files.value = attached;
    }
  };
  const useCanned = (item: CannedResponse) => {
    text.value = item.text;
    pick.value = 0;
    input.current?.focus();
  };
  const onKey = (event: KeyboardEvent) => {
    if (matches.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        pick.value = (pick.value + step + matches.length) % matches.length;
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const item = matches[pick.value] ?? matches[0];
        if (item) useCanned(item);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void send();
    }
    if (event.key === 'Escape') (event.currentTarget as HTMLElement).blur();
  };
  const onInput = (event: Event) => {
    text.value = (event.currentTarget as HTMLTextAreaElement).value;
    pick.value = 0;
    if (mode.value === 'reply') {
      // Not one frame per keystroke: the server drops frames past a per-agent rate (typing floods), and the
      // visitor's indicator only needs a refresh every few seconds.
      const now = Date.now();
      if (typingTimer.current === undefined || now - typingSentAt.current > 2000) {
        typingSentAt.current = now;
        sendTyping(id, true);
      }
      clearTimeout(typingTimer.current);
      typingTimer.current = setTimeout(() => {
        typingTimer.current = undefined;
        sendTyping(id, false);
      }, 3000);
    }
  };
  const resolved = c.status === 'resolved';
  const me = agent.value;
  // What the visitor changed since (attributes, page) arrives live through the agent stream.
  const live = visitorId ? liveVisitors.value.get(visitorId) : undefined;
  const ctx =
    context.value && live
      ? { ...context.value, visitor: live, page: live.page ?? context.value.page }
      : context.value;
  const previous = (ctx?.conversations ?? []).filter((other) => other.id !== id);

  return (
    <>
      <section class="conversation" aria-label={`Conversation with ${visitorName(c)}`}>
        <header class="conversation-head">
          <button type="button" class="back" onClick={onBack} aria-label="Back to the list">
            ←
          </button>
          <h2>{visitorName(c)}</h2>
          <span class={`badge ${c.status}`}>{c.status}</span>
          <div class="actions">
            <button
              type="button"
              class="context-toggle"
              aria-expanded={showContext.value}
              aria-controls="visitor-context"
              onClick={() => (showContext.value = !showContext.value)}
            >
              Visitor
            </button>
            <TeamPicker id={id} teamId={c.teamId} />
            <label>
              <span class="visually-hidden">Assignee</span>
              <select
                aria-label="Assignee"
                value={c.assigneeId ?? ''}
                onChange={(e) => {
                  const value = (e.currentTarget as HTMLSelectElement).value;
                  void updateConversation(id, { assigneeId: value || null });
                }}
              >
                <option value="">Unassigned</option>
                {me && <option value={me.id}>{me.name} (me)</option>}
                {agents.value
                  .filter((a) => a.id !== me?.id)
                  .map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                {c.assigneeId &&
                  c.assigneeId !== me?.id &&
                  !agents.value.some((a) => a.id === c.assigneeId) && (
                    <option value={c.assigneeId}>Another agent</option>
                  )}
              </select>
            </label>
            {c.status === 'open' && (
              <button type="button" onClick={() => void updateConversation(id, { status: 'pending' })}>
                Snooze
              </button>
            )}
            <button
              type="button"
              class={resolved ? '' : 'primary'}
              onClick={() => void updateConversation(id, { status: resolved ? 'open' : 'resolved' })}
              aria-keyshortcuts="e"
            >
              {resolved ? 'Reopen' : 'Resolve'}
            </button>
          </div>
        </header>
        <ol class="messages" ref={log} aria-live="polite" aria-label="Messages">
          {list.value.map((m) => (
            <li
              key={m.clientId}
              class={`message ${m.author.kind} ${m.internal ? 'note' : ''} ${m.id.startsWith('pending-') ? 'pending' : ''}`}
            >
              <span class="meta">
                {m.internal ? 'Note · ' : ''}
                {m.author.kind === 'bot' ? 'Bot · ' : ''}
                {m.author.kind === 'visitor' ? visitorName(c) : (m.author.name ?? m.author.kind)} ·{' '}
                {when(m.createdAt)}
              </span>
              <p class="text">
                <MessageText text={m.text} />
              </p>
              {m.author.kind === 'visitor' && m.text.trim() && <AddQuestion text={m.text} />}
              {m.answer && <p class="source">From the article “{m.answer.title}”</p>}
              {m.attachments.map((a) => (
                <AttachmentLink key={a.id} file={a} />
              ))}
            </li>
          ))}
        </ol>
        <p class="typing" aria-live="polite">
          {visitorTyping.value.has(id) ? `${visitorName(c)} is typing…` : ''}
        </p>
        <form
          class={`composer ${mode.value}`}
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <div role="tablist" aria-label="Message kind" class="segmented">
            <button
              type="button"
              role="tab"
              aria-selected={mode.value === 'reply'}
              onClick={() => (mode.value = 'reply')}
            >
              Reply
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={mode.value === 'note'}
              onClick={() => (mode.value = 'note')}
            >
              Internal note
            </button>
          </div>
          {matches.length > 0 && (
            <div class="canned" role="listbox" aria-label="Canned responses">
              {matches.map((item, i) => (
                <div
                  key={item.id}
                  role="option"
                  tabIndex={-1}
                  aria-selected={i === pick.value}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    useCanned(item);
                  }}
                >
                  <strong>/{item.shortcut}</strong> {item.title}
                  <span class="canned-text">{item.text}</span>
                </div>
              ))}
            </div>
          )}
          <textarea
            ref={input}
            aria-label={mode.value === 'note' ? 'Internal note (only agents see it)' : 'Reply to the visitor'}
            placeholder={mode.value === 'note' ? 'Note for the team…' : 'Reply… ( / for canned responses)'}
            value={text.value}
            onInput={onInput}
            onKeyDown={onKey}
            rows={3}
          />
          {files.value.length > 0 && (
            <ul class="files" aria-label="Attached files">
              {files.value.map((f) => (
                <li key={f.id}>
                  📎 {f.name}
                  <button
                    type="button"
                    class="link"
                    aria-label={`Remove ${f.name}`}
                    onClick={() => (files.value = files.value.filter((x) => x.id !== f.id))}
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ul>
          )}
          {error.value && (
            <p class="error" role="alert">
              {error.value}
            </p>
          )}
          <div class="composer-actions">
            <label class="attach">
              <span>{uploading.value ? 'Uploading…' : 'Attach a file'}</span>
              <input
                type="file"
                class="visually-hidden"
                disabled={uploading.value}
                onChange={async (e) => {
                  const input = e.currentTarget;
                  const file = input.files?.[0];
                  if (!file) return;
                  uploading.value = true;
                  error.value = '';
                  try {
                    files.value = [...files.value, await api.upload(id, file)];
                  } catch (err) {
                    error.value = `Not attached: ${(err as Error).message}`;
                  } finally {
                    uploading.value = false;
                    input.value = '';
                  }
                }}
              />
            </label>
            <button type="submit" class="primary" disabled={!text.value.trim() || uploading.value}>
              {mode.value === 'note' ? 'Add note' : 'Send'}
            </button>
          </div>
        </form>
      </section>
      <aside id="visitor-context" class={`context ${showContext.value ? 'open' : ''}`} aria-label="Visitor">
        <div class="context-head">
          <h3>Visitor</h3>
          <button type="button" class="context-toggle" onClick={() => (showContext.value = false)}>
            Close
          </button>
        </div>
        <dl>
          <dt>Name</dt>
          <dd>{ctx?.visitor?.name ?? c.visitor?.name ?? '—'}</dd>
          <dt>Email</dt>
          <dd>{ctx?.visitor?.email ?? c.visitor?.email ?? '—'}</dd>
          <dt>Verified user id</dt>
          <dd>{ctx?.visitor?.userId ?? '—'}</dd>
          {ctx?.page && (
            <>
              <dt>Page</dt>
              <dd>
                {/* The URL comes from the visitor: a link only to the web, never javascript: or data:. */}
                {/^https?:\/\//i.test(ctx.page.url) ? (
                  <a href={ctx.page.url} target="_blank" rel="noopener noreferrer">
                    {ctx.page.title || ctx.page.url}
                  </a>
                ) : (
                  ctx.page.title || ctx.page.url
                )}
              </dd>
            </>
          )}
          {Object.entries(ctx?.visitor?.attributes ?? {}).map(([key, value]) => (
            <>
              <dt key={`k${key}`}>{key}</dt>
              <dd key={`v${key}`}>{String(value)}</dd>
            </>
          ))}
        </dl>
        <LeadAndCompany visitor={ctx?.visitor} />
        <ConversationFieldsAndTags conversation={c} />
        {c.rating && (
          <>
            <h3>Rating</h3>
            <p class="rating">
              {c.rating.csat !== null && (
                <span>
                  {'★'.repeat(c.rating.csat)} {c.rating.csat}/5
                </span>
              )}
              {c.rating.nps !== null && <span> · NPS {c.rating.nps}</span>}
              {c.rating.solved !== null && <span> · {c.rating.solved ? 'solved' : 'not solved'}</span>}
              {c.rating.comment && <q>{c.rating.comment}</q>}
            </p>
          </>
        )}
        <h3>Previous conversations</h3>
        {previous.length === 0 ? (
          <p class="muted">None.</p>
        ) : (
          <ul class="previous">
            {previous.map((p) => (
              <li key={p.id}>
                <a href={`#/inbox/${encodeURIComponent(p.id)}`} onClick={() => navigate('inbox', p.id)}>
                  {p.subject ?? 'Conversation'} · {p.status} · {when(p.createdAt)}
                </a>
              </li>
            ))}
          </ul>
        )}
        {ctx?.visitor && <VisitorData visitor={ctx.visitor} />}
      </aside>
    </>
  );
}
