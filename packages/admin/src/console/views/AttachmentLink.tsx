import { type Attachment, cleanFileName } from '@frontdesk/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../session';

/**
 * A file a visitor sent (in chat or through a form): a link that downloads it under its name, and a preview for
 * images. The file is fetched with the agent's token in the `Authorization` header and shown through a `blob:` URL,
 * so the token never appears in a URL (history, logs, `Referer`); non-images are fetched only when clicked.
 */
export function AttachmentLink({ file }: { file: Attachment }) {
  const [blobUrl, setBlobUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<string | null>(null);
  const name = cleanFileName(file.name);
  const image = file.type.startsWith('image/');

  async function load(): Promise<string | null> {
    if (current.current) return current.current;
    try {
      const url = URL.createObjectURL(await api.file(file.url));
      current.current = url;
      setBlobUrl(url);
      setError(null);
      return url;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      return null;
    }
  }

  useEffect(() => {
    if (image) void load();
    return () => {
      if (current.current) URL.revokeObjectURL(current.current);
      current.current = null;
      setBlobUrl(null);
    };
  }, [file.url]);

  async function open(event: MouseEvent) {
    if (current.current) return; // The blob is here: the browser saves it under `download`.
    event.preventDefault();
    const url = await load();
    if (!url) return;
    const save = document.createElement('a');
    save.href = url;
    save.download = name;
    save.click();
  }

  return (
    <>
      <a class="attachment" href={blobUrl ?? file.url} download={name} onClick={open}>
        {image && blobUrl && <img class="attachment-preview" src={blobUrl} alt="" />}
        {/* Names stored before bidi controls were stripped at upload are cleaned here too. */}
        <span>📎 {name}</span>
      </a>
      {error && (
        <span class="error" role="alert">
          {name}: {error}
        </span>
      )}
    </>
  );
}
