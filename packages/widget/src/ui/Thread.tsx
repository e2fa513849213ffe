import type { Attachment, SearchHit } from '@frontdesk/protocol';
import { useEffect, useRef } from 'preact/hooks';
import EN_THREAD from '../i18n/enThread';
import { isMuted, setMuted } from '../notify';
import { CHAT_CSS } from '../theme/chatStyles';
import { Composer } from './Composer';
import { useWidget } from './context';
import { lazy } from './lazy';
import { MessageItem } from './MessageItem';
import { track, useSignal } from './track';

// Out of the chat's own chunk: shown only outside business hours, with suggested articles, or after resolution.
const Away = lazy(() => import('./Away'));
const Tips = lazy(() => import('./Tips'));
const Rating = lazy(() => import('./Rating'));
const FormPage = lazy(() => import('./FormPage'));
const Consent = lazy(() => import('./Consent'));

/** A conversation (`c`; a new one when null): messages, typing, away notice, rating, composer. */
export default track(function Thread({ c: id, draft }: { c: string | null; draft?: string | undefined }) {
  const w = useWidget();
  w.i18n.add(EN_THREAD);
  w.style(CHAT_CSS);
  const c = w.client;
  const { t } = w.i18n;
  const cid = useSignal(id);
  useEffect(() => {
    cid.value = id;
  }, [id]);
  const conv = cid.value
    ? c.conversations.value.find((x) => x.clientId === cid.value || x.id === cid.value)
    : undefined;
  const config = w.config.value;
  const list = useRef<HTMLUListElement>(null);
  const messages = conv?.messages ?? [];
  const typing = conv && c.typing.value.find((x) => x.conversation === conv.clientId);
  const offline = c.status.value === 'offline';
  const preChat = !conv && config?.preChatFormId && !w.preChatDone.value ? config.preChatFormId : null;
  const rating =
    conv &&
    ((conv.ratingRequested &&
      config?.rating?.askWhen !== 'never' &&
      (config?.rating?.csat !== false || config?.rating?.nps)) ||
      w.rated.value.includes(conv.clientId));
  const lastVisitor = messages.findLastIndex((m) => m.author.kind === 'visitor');
  // The site requires consent and the visitor has not given it: ask here; what they send waits for the answer.
  const needsConsent = config?.privacy?.consentRequired && c.consentState.value !== 'granted';
  // Self-service first: while a new question is typed, articles that may answer it.
  const suggestions = useSignal<SearchHit[]>([]);
  // The visitor's mute of sounds and title badges (remembered in this browser).
  const muted = useSignal(isMuted());
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const suggest =
    !conv && config?.helpCenter?.enabled !== false && config?.helpCenter?.suggestWhileTyping !== false;
  const onText = (text: string) => {
    clearTimeout(timer.current);
    if (!suggest || text.trim().length < 4) {
      suggestions.value = [];
      return;
    }
    timer.current = setTimeout(() => {
      c.search(text.trim())
        .then((hits) => {
          suggestions.value = hits.slice(0, 3);
        })
        .catch(() => {});
    }, 400);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  // Stick to the newest message, inside the panel only (never scrolls the host page).
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length, !!typing, rating]);
  // Reading the thread marks it read: also when a thread kept mounted in the hidden panel is shown again.
  const shown = w.opened.value;
  useEffect(() => {
    if (conv && conv.unread > 0 && shown) c.markRead(conv.clientId).catch(() => {});
  }, [conv?.unread, shown]);

  const send = (text: string, attachments: Attachment[]) => {
    const attachmentIds = attachments.map((a) => a.id);
    if (conv) {
      c.sendMessage(conv.clientId, text, { attachmentIds });
    } else {
      const started = c.startConversation({ text, attachmentIds });
      cid.value = started.clientId;
      w.route.value = { v: 'thread', c: started.clientId };
      w.emit('conversationStarted', { conversationId: started.id });
    }
    w.emit('messageSent', { conversationId: conv?.id ?? null, text });
  };

  if (preChat) return <FormPage id={preChat} preChat onDone={() => (w.preChatDone.value = true)} />;

  return (
    <div class="bd th">
      {offline && (
        <p class="bn" role="status">
          {t('connection.offline')}
        </p>
      )}
      <button
        type="button"
        class="mt"
        aria-pressed={muted.value}
        onClick={() => {
          muted.value = !muted.value;
          setMuted(muted.value);
        }}
      >
        {t('thread.mute')}
      </button>
      <ul class="ms" ref={list} aria-label={conv?.subject || t('messages.untitled')}>
        {(c.availability.value?.status ?? 'online') !== 'online' && (
          <li>
            <Away />
          </li>
        )}
        {!conv && (
          <li class="m y">
            <div class="bu">{t('thread.start')}</div>
          </li>
        )}
        {messages.map((m, i) => (
          <MessageItem
            key={m.clientId}
            m={m}
            showAuthor={
              i === 0 ||
              messages[i - 1]!.author.kind !== m.author.kind ||
              messages[i - 1]!.author.id !== m.author.id
            }
            showStatus={i === lastVisitor}
            onReply={
              // The bot's question stands on its newest answer until the visitor answers or writes.
              m.answer && i === messages.length - 1 && conv?.status !== 'resolved'
                ? (to) => c.sendMessage(conv!.clientId, t(`bot.${to}`), { reply: to })
                : undefined
            }
          />
        ))}
        {conv?.status === 'resolved' && (
          <li class="m y">
            <div class="bu">{t('thread.resolved')}</div>
          </li>
        )}
        {rating && conv && (
          <li>
            <Rating conversation={conv.clientId} conversationId={conv.id} />
          </li>
        )}
      </ul>
      <p class="ty" aria-hidden={!typing}>
        {typing ? (typing.name ? t('thread.typing', { name: typing.name }) : t('thread.typingAnon')) : ''}
      </p>
      {suggestions.value.length > 0 && (
        <div class="sg" role="status">
          <p class="mu">{t('thread.suggest')}</p>
          <ul>
            {suggestions.value.map((hit) => (
              <li key={hit.articleId}>
                <button type="button" class="row" onClick={() => w.go({ v: 'article', id: hit.articleId })}>
                  <span class="t" dir="auto">
                    {hit.title}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!conv && !suggestions.value.length && w.tips.value && <Tips />}
      {needsConsent && <Consent waiting={messages.some((m) => m.status === 'sending')} />}
      <Composer
        onText={onText}
        draft={draft}
        onSend={send}
        onTyping={(on) => conv && c.setTyping(conv.clientId, on)}
      />
    </div>
  );
});
