import { inline, Link, markdown } from '@frontdesk/widget/markdown';
import { type ComponentChildren, isValidElement } from 'preact';

/** Article markdown as the widget shows it (its own reader): elements with text children, never HTML. */
export function Markdown({ source }: { source: string }) {
  return <div class="markdown">{markdown(source)}</div>;
}

/** A chat message's text as the widget shows it: bold, italic, code and safe links. */
export function MessageText({ text }: { text: string }) {
  return <>{inline(text)}</>;
}

/** One line of a message inside a link (an inbox row): the same formatting, its links as plain text. */
export function PreviewText({ text }: { text: string }) {
  const flat = (nodes: ComponentChildren[]): ComponentChildren[] =>
    nodes.map((node) =>
      isValidElement(node) && node.type === Link
        ? (node.props as { children: ComponentChildren }).children
        : node,
    );
  return <>{flat(inline(text))}</>;
}
