// A small markdown reader for help articles that yields a tree, never HTML: the console renders the tree as
// elements with text children, so an article can never inject markup or script.

import { safeUrl } from '@frontdesk/protocol';

/** Inline content: text with emphasis, code and links. */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong' | 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] };

/** Block content of an article. */
export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'code'; text: string }
  | { type: 'quote'; children: Inline[] }
  | { type: 'rule' };

/** Links may go where the protocol's `safeUrl` allows or within the site; anything else (javascript:) is dropped. */
export function safeHref(href: string): string | undefined {
  const trimmed = href.trim();
  if (/^[a-z][a-z\d+.-]*:/i.test(trimmed)) return safeUrl(trimmed);
  if (/^[/#?.]/.test(trimmed) || /^[\w-]+(\/[\w.-]*)*$/.test(trimmed)) return trimmed;
  return undefined;
}

type Rule = [RegExp, (m: RegExpExecArray) => Inline[]];

const INLINE_RULES: Rule[] = [
  [/^`([^`]+)`/, (m) => [{ type: 'code', text: m[1] ?? '' }]],
  [/^(?:\*\*(.+?)\*\*|__(.+?)__)/, (m) => [{ type: 'strong', children: parseInline(m[1] ?? m[2] ?? '') }]],
  [
    /^(?:\*([^*\s][^*]*?)\*|_([^_\s][^_]*?)_)/,
    (m) => [{ type: 'em', children: parseInline(m[1] ?? m[2] ?? '') }],
  ],
  [
    /^\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/,
    (m) => {
      const href = safeHref(m[2] ?? '');
      const children = parseInline(m[1] ?? '');
      return href ? [{ type: 'link', href, children }] : children;
    },
  ],
];

/** Parse inline markdown: `**strong**`, `*em*` or `_em_`, `` `code` ``, `[text](url)`. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  let i = 0;
  outer: while (i < text.length) {
    const rest = text.slice(i);
    for (const [pattern, build] of INLINE_RULES) {
      const m = pattern.exec(rest);
      if (!m) continue;
      if (plain) out.push({ type: 'text', text: plain });
      plain = '';
      out.push(...build(m));
      i += m[0].length;
      continue outer;
    }
    plain += text[i];
    i++;
  }
  if (plain) out.push({ type: 'text', text: plain });
  return out;
}

/** Parse markdown into blocks. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (!line.trim()) {
      i++;
      continue;
    }
    if (/^```/.test(line)) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !/^```/.test(lines[i] ?? '')) body.push(lines[i++] ?? '');
      i++;
      blocks.push({ type: 'code', text: body.join('\n') });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({
        type: 'heading',
        level: (heading[1]?.length ?? 1) as 1,
        children: parseInline(heading[2]?.trim() ?? ''),
      });
      i++;
      continue;
    }
    if (/^(-{3,}|\*{3,})\s*$/.test(line)) {
      blocks.push({ type: 'rule' });
      i++;
      continue;
    }
    if (/^>\s?/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && /^>\s?/.test(lines[i] ?? ''))
        body.push((lines[i++] ?? '').replace(/^>\s?/, ''));
      blocks.push({ type: 'quote', children: parseInline(body.join(' ')) });
      continue;
    }
    const bullet = /^\s*([-*+]|\d+[.)])\s+/;
    if (bullet.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: Inline[][] = [];
      while (i < lines.length && bullet.test(lines[i] ?? ''))
        items.push(parseInline((lines[i++] ?? '').replace(bullet, '')));
      blocks.push({ type: 'list', ordered, items });
      continue;
    }
    const body: string[] = [];
    while (
      i < lines.length &&
      (lines[i] ?? '').trim() &&
      !/^(#{1,6}\s|```|>|\s*([-*+]|\d+[.)])\s+)/.test(lines[i] ?? '')
    )
      body.push((lines[i++] ?? '').trim());
    blocks.push({ type: 'paragraph', children: parseInline(body.join(' ')) });
  }
  return blocks;
}
