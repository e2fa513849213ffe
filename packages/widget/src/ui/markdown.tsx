import type { ComponentChildren } from 'preact';
import { inline, safeUrl } from './inline';

// Article markdown (headings, lists, quotes, code blocks, images, paragraphs) as Preact nodes. Loaded with the
// article view only. Untrusted text never becomes HTML: every piece is a text node or a known element.

function para(text: string): ComponentChildren[] {
  const image = /^!\[([^\]]*)\]\(([^)\s]+)\)$/.exec(text.trim());
  const src = image && safeUrl(image[2]!);
  if (image && src && /^https?:/.test(src)) return [<img src={src} alt={image[1]} loading="lazy" />];
  return inline(text);
}

/** Render markdown to Preact nodes. */
export function markdown(source: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (/^```/.test(line)) {
      const code: string[] = [];
      while (++i < lines.length && !/^```/.test(lines[i]!)) code.push(lines[i]!);
      i++;
      out.push(
        <pre>
          <code>{code.join('\n')}</code>
        </pre>,
      );
      continue;
    }
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(3, heading[1]!.length + 1);
      const H = `h${level}` as 'h2';
      out.push(<H>{inline(heading[2]!)}</H>);
      i++;
      continue;
    }
    const listItem = /^\s*([-*+]|\d+[.)])\s+/;
    if (listItem.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: ComponentChildren[] = [];
      while (i < lines.length && listItem.test(lines[i]!)) {
        items.push(<li>{inline(lines[i]!.replace(listItem, ''))}</li>);
        i++;
      }
      out.push(ordered ? <ol>{items}</ol> : <ul>{items}</ul>);
      continue;
    }
    if (/^>\s?/.test(line)) {
      const quote: string[] = [];
      while (i < lines.length && /^>\s?/.test(lines[i]!)) quote.push(lines[i++]!.replace(/^>\s?/, ''));
      out.push(<blockquote>{inline(quote.join(' '))}</blockquote>);
      continue;
    }
    if (!line.trim()) {
      i++;
      continue;
    }
    const text: string[] = [];
    while (i < lines.length && lines[i]!.trim() && !/^(```|#{1,3}\s|>|\s*([-*+]|\d+[.)])\s)/.test(lines[i]!))
      text.push(lines[i++]!);
    out.push(<p>{para(text.join('\n'))}</p>);
  }
  return out;
}
