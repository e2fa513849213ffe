import { type Attachment, cleanFileName } from '@frontdesk/protocol';
import { api } from '../session';

/**
 * A file a visitor sent (in chat or through a form): a link that downloads it with the agent's own token (the
 * server checks it on every download), and a preview for images.
 */
export function AttachmentLink({ file }: { file: Attachment }) {
  const href = api.fileUrl(file.url);
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" class="attachment">
      {file.type.startsWith('image/') && <img class="attachment-preview" src={href} alt="" loading="lazy" />}
      {/* Names stored before bidi controls were stripped at upload are cleaned here too. */}
      <span>📎 {cleanFileName(file.name)}</span>
    </a>
  );
}
