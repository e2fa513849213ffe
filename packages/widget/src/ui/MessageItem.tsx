import type { ChatMessage } from '@frontdesk/client';
import { useWidget } from './context';
import { formatSize } from './format';
import { inline, Link, safeUrl } from './inline';
import { track } from './track';

/** One chat message: author line when the author changes, the bubble, attachments and delivery status. */
export const MessageItem = track(function MessageItem({
  m,
  showAuthor,
  showStatus,
  onReply,
}: {
  m: ChatMessage;
  showAuthor: boolean;
  showStatus: boolean;
  /** Set on a bot answer still asking "Did that answer your question?": sends the visitor's choice. */
  onReply?: ((to: 'yes' | 'person') => void) | undefined;
}) {
  const w = useWidget();
  const { t, time } = w.i18n;
  const kind = m.author.kind;
  const name = kind === 'visitor' ? t('author.you') : (m.author.name ?? t(`author.${kind}`));
  const bot = kind === 'bot' ? w.config.value?.bot?.avatar : undefined;
  const avatar =
    kind === 'visitor' ? null : safeUrl(m.author.avatarUrl ?? bot ?? w.theme.value?.avatarUrl ?? '');
  const cls = kind === 'visitor' ? 'm v' : kind === 'system' ? 'm y' : kind === 'bot' ? 'm b' : 'm';
  // Not "Sending…" for what cannot be sent yet: it waits for the visitor's consent (the prompt is below).
  const status =
    m.status === 'sending' &&
    w.config.value?.privacy?.consentRequired &&
    w.client.consentState.value !== 'granted'
      ? 'consent'
      : m.status;
  return (
    <li class={cls}>
      {showAuthor && kind !== 'system' && (
        <span class="au">
          {kind !== 'visitor' &&
            (avatar ? (
              <img src={avatar} alt="" />
            ) : (
              <span class="ini" aria-hidden="true">
                {name.slice(0, 1).toUpperCase()}
              </span>
            ))}
          {name}
          <time dateTime={m.createdAt}>· {time(m.createdAt)}</time>
        </span>
      )}
      {showAuthor || <span class="sr">{name}</span>}
      {m.text && (
        <div class="bu" dir="auto">
          {inline(m.text)}
        </div>
      )}
      {m.answer && (
        <p class="src">
          {t('bot.source')}:{' '}
          <button type="button" onClick={() => w.go({ v: 'article', id: m.answer!.articleId })}>
            {m.answer.title}
          </button>
        </p>
      )}
      {onReply && (
        <fieldset class="bq">
          <legend>{t('bot.asked')}</legend>
          <button type="button" class="btn2" onClick={() => onReply('yes')}>
            {t('bot.yes')}
          </button>
          <button type="button" class="btn2" onClick={() => onReply('person')}>
            {t('bot.person')}
          </button>
        </fieldset>
      )}
      {m.attachments.length > 0 && (
        <div class="at">
          {m.attachments.map((a) => {
            const url = safeUrl(w.fileUrl(a.url));
            if (!url) return <span key={a.id}>{a.name}</span>;
            return a.type.startsWith('image/') ? (
              <Link key={a.id} href={url}>
                <img src={url} alt={a.name} loading="lazy" referrerpolicy="no-referrer" />
              </Link>
            ) : (
              <Link key={a.id} href={url}>
                {a.name} ({formatSize(w.i18n.tag.value, a.size)})
              </Link>
            );
          })}
        </div>
      )}
      {kind === 'visitor' && (showStatus || m.status === 'failed' || m.status === 'sending') && (
        <span class={`st${m.status === 'failed' ? ' f' : ''}`} data-status={m.status}>
          {t(`delivery.${status}`)}
          {m.status === 'failed' && (
            <button type="button" onClick={() => w.client.retry(m.clientId)}>
              {t('thread.retry')}
            </button>
          )}
        </span>
      )}
    </li>
  );
});
