import { Badge } from './Badge';
import { useWidget } from './context';
import { Icon } from './Icon';
import * as I from './icons';
import { preview } from './preview';
import { track } from './track';

/** Every conversation of the visitor, newest first, and a button to start a new one. */
export const Messages = track(function Messages() {
  const w = useWidget();
  const { t } = w.i18n;
  const list = [...w.client.conversations.value].reverse();
  return (
    <div class="bd">
      {list.length === 0 && <p class="mu">{t('messages.empty')}</p>}
      {list.length > 0 && (
        <ul class="card">
          {list.map((c) => {
            const last = c.messages.at(-1);
            return (
              <li key={c.clientId}>
                <button type="button" class="row" onClick={() => w.go({ v: 'thread', c: c.clientId })}>
                  <Icon d={I.messages} />
                  {/* Written by people, in any language: the text's own direction, not the widget's. */}
                  <span dir="auto">
                    <span class="t">
                      {c.subject || t('messages.untitled')}
                      {c.status === 'resolved' ? ` · ${t('messages.resolved')}` : ''}
                    </span>
                    <span class="s">{preview(w, c)}</span>
                  </span>
                  {last && <span class="mu">{w.i18n.time(last.createdAt)}</span>}
                  {<Badge n={c.unread} />}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" class="btn" onClick={() => w.go({ v: 'thread', c: null })}>
        {t('messages.new')}
      </button>
    </div>
  );
});
