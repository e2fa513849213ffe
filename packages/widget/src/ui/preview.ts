import type { ChatConversation } from '@frontdesk/client';
import type { Widget } from '../widget';

/** One line about a conversation's last message: who and what. */
export function preview(w: Widget, c: ChatConversation): string {
  const last = c.messages.at(-1);
  if (!last) return '';
  const who =
    last.author.kind === 'visitor'
      ? w.i18n.t('author.you')
      : (last.author.name ?? w.i18n.t(`author.${last.author.kind}`));
  const what = last.text || last.attachments.map((a) => a.name).join(', ');
  return `${who}: ${what}`;
}
