import { safeUrl } from '@frontdesk/protocol';
import type { ComponentChildren } from 'preact';

// Basic markdown of chat messages turned into DOM nodes, never into HTML: **bold**, *italic*, `code`,
// [text](url) and bare URLs. Only http(s), mailto and tel links survive; anything else stays plain text.
const TOKEN =
  /\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

// The protocol's one rule for URLs put into href or src (http, https, mailto, tel).
export { safeUrl };

/** A safe external link. */
export function Link({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow ugc" referrerpolicy="no-referrer">
      {children}
    </a>
  );
}

/** Inline markdown of one text as Preact nodes. */
export function inline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    last = m.index + m[0].length;
    const [whole, bold, italic, code, label, href, bare] = m;
    const url = safeUrl(href ?? bare ?? '');
    if (bold) out.push(<strong>{bold}</strong>);
    else if (italic) out.push(<em>{italic}</em>);
    else if (code) out.push(<code>{code}</code>);
    else if (url) out.push(<Link href={url}>{label ?? bare}</Link>);
    else out.push(whole);
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
