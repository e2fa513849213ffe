import { useEffect, useRef, useState } from 'preact/hooks';
import type { Widget } from '../widget';

/** What the bubble shows: localized already. */
export interface BubbleMessage {
  name: string;
  avatarUrl: string | null;
  text: string;
  quickReplies: string[];
}

export const BUBBLE_CSS = `
.pb{position:fixed;bottom:calc(var(--y) + 68px);right:var(--x);width:min(320px,calc(100vw - 2 * var(--x)));background:var(--bg);color:var(--fg);border:1px solid var(--bd);border-radius:14px;box-shadow:0 8px 32px rgba(0,0,0,.22);padding:12px 14px 14px;display:grid;grid-template-columns:minmax(0,1fr);gap:8px;animation:in .18s ease-out}
.l .pb{right:auto;left:var(--x)}
.nl .pb{bottom:var(--y)}
.inl .pb{position:absolute}
.pb header{display:flex;align-items:center;gap:8px;font-size:13px;font-weight:650;color:var(--mu)}
.pb header img{width:24px;height:24px;border-radius:50%;object-fit:cover}
.pb header span{flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.pb .px{width:32px;height:32px;margin:-6px -8px -6px 0;border-radius:8px;display:grid;place-items:center;font-size:20px;line-height:1}
.pb .px:hover{background:var(--sf)}
.pb p{white-space:pre-wrap;overflow-wrap:anywhere}
.pb .pq{display:flex;flex-wrap:wrap;gap:6px}
.pb .pq button{border:1px solid var(--ac);color:var(--ac);border-radius:16px;padding:4px 12px;font-size:14px}
.pb .pq button:hover{background:var(--sf)}
.pb form{display:flex;gap:6px;border:1px solid var(--bd);border-radius:10px;padding:2px 2px 2px 10px}
.pb form:focus-within{border-color:var(--ac)}
.pb input{flex:1;min-width:0;width:100%;border:0;background:none;padding:6px 0;font-size:16px}
.pb form button{background:var(--b);color:var(--ob);border-radius:8px;padding:0 12px;font-size:14px;font-weight:600}
`;

/**
 * The proactive bubble above the launcher: who it is from, the text, quick replies and a reply box. It never takes
 * focus (the live region announces it); Escape inside it or the × dismisses it.
 */
export function Bubble(props: {
  w: Widget;
  message: BubbleMessage;
  onReply: (text: string) => void;
  onDismiss: () => void;
  onEngage: () => void;
}) {
  const { w, message, onReply, onDismiss, onEngage } = props;
  const t = w.i18n.t;
  const [draft, setDraft] = useState('');
  const engaged = useRef(false);
  const engage = () => {
    if (engaged.current) return;
    engaged.current = true;
    onEngage();
  };
  useEffect(() => setDraft(''), [message.text]);
  const label = t('proactive.label', { name: message.name });
  return (
    <section
      class="pb"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onDismiss();
        }
      }}
    >
      <header>
        {message.avatarUrl && <img src={message.avatarUrl} alt="" />}
        <span>{message.name}</span>
        <button type="button" class="px" aria-label={t('proactive.dismiss')} onClick={onDismiss}>
          ×
        </button>
      </header>
      <p>{message.text}</p>
      {message.quickReplies.length > 0 && (
        <div class="pq">
          {message.quickReplies.map((reply) => (
            <button
              key={reply}
              type="button"
              onClick={() => {
                engage();
                onReply(reply);
              }}
            >
              {reply}
            </button>
          ))}
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!draft.trim()) return;
          engage();
          onReply(draft.trim());
        }}
      >
        <input
          value={draft}
          maxLength={5000}
          placeholder={t('proactive.reply')}
          aria-label={t('proactive.reply')}
          onFocus={engage}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit">{t('proactive.send')}</button>
      </form>
    </section>
  );
}
