import type { Attachment } from '@frontdesk/protocol';
import { useEffect, useRef } from 'preact/hooks';
import { useWidget } from './context';
import { formatSize } from './format';
import { Icon } from './Icon';
import * as I from './icons';
import { MAX_FILE_BYTES, MAX_FILES, MAX_MESSAGE_LENGTH } from './limits';
import { track, useSignal } from './track';

/** Icon path, here rather than in `icons.ts` so it loads with this view. */
const CLIP = 'M16 8l-6.5 6.5a2 2 0 0 0 3 3L19 11a4 4 0 0 0-6-6l-7 7a6 6 0 0 0 8.5 8.5L20 15';
const SEND = 'M4 12l16-8-6 16-2-7z';

/** The message box: text (Enter sends, Shift+Enter breaks the line), attachments, send. */
export const Composer = track(function Composer({
  draft,
  onSend,
  onTyping,
  onText,
}: {
  draft?: string;
  onSend: (text: string, attachments: Attachment[]) => void;
  onTyping: (typing: boolean) => void;
  /** Called with the text as the visitor types (for article suggestions). */
  onText?: (text: string) => void;
}) {
  const w = useWidget();
  const { t } = w.i18n;
  const text = useSignal(draft ?? '');
  const files = useSignal<Attachment[]>([]);
  const uploading = useSignal(0);
  const error = useSignal('');
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    box.current?.focus({ preventScroll: true });
  }, []);

  const grow = () => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight + 2, 120)}px`;
  };

  const send = () => {
    const value = text.value.trim();
    if ((!value && files.value.length === 0) || uploading.value) return;
    onSend(value, files.value);
    text.value = '';
    files.value = [];
    error.value = '';
    onTyping(false);
    onText?.('');
    requestAnimationFrame(grow);
  };

  const attach = async (list: FileList | null) => {
    error.value = '';
    for (const file of Array.from(list ?? [])) {
      if (files.value.length + uploading.value >= MAX_FILES) {
        error.value = t('thread.tooMany', { n: MAX_FILES });
        break;
      }
      if (file.size > MAX_FILE_BYTES) {
        error.value = t('thread.tooLarge', {
          name: file.name,
          size: formatSize(w.i18n.tag.value, MAX_FILE_BYTES),
        });
        continue;
      }
      uploading.value++;
      try {
        const a = await w.client.upload(file, file.name);
        files.value = [...files.value, a];
      } catch {
        error.value = t('error.generic');
      } finally {
        uploading.value--;
      }
    }
  };

  return (
    <form
      class="cp"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {files.value.length > 0 && (
        <ul class="chips">
          {files.value.map((f) => (
            <li key={f.id} class="chip">
              {f.name}
              <button
                type="button"
                aria-label={t('thread.remove', { name: f.name })}
                onClick={() => (files.value = files.value.filter((x) => x !== f))}
              >
                <Icon d={I.close} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {error.value && (
        <p class="er" role="alert">
          {error.value}
        </p>
      )}
      <div class="rw">
        <label
          class="ib"
          title={`${t('thread.attach')} (${t('thread.attachLimit', { size: formatSize(w.i18n.tag.value, MAX_FILE_BYTES) })})`}
        >
          <input
            class="sr"
            type="file"
            multiple
            aria-label={`${t('thread.attach')}. ${t('thread.attachLimit', { size: formatSize(w.i18n.tag.value, MAX_FILE_BYTES) })}`}
            onChange={(e) => {
              void attach(e.currentTarget.files);
              e.currentTarget.value = '';
            }}
          />
          <Icon d={CLIP} />
        </label>
        <textarea
          ref={box}
          class="in"
          rows={1}
          maxLength={MAX_MESSAGE_LENGTH}
          aria-label={t('thread.label')}
          placeholder={t('thread.placeholder')}
          value={text.value}
          onInput={(e) => {
            text.value = e.currentTarget.value;
            grow();
            onTyping(text.value.length > 0);
            onText?.(text.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              send();
            }
          }}
        />
        <button type="submit" class="btn" aria-label={t('thread.send')} disabled={uploading.value > 0}>
          <Icon d={SEND} cls="fl" />
        </button>
      </div>
    </form>
  );
});
