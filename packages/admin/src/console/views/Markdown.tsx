import type { JSX } from 'preact';
import { type Block, type Inline, parseMarkdown } from '../../markdown';

function inline(nodes: Inline[]): JSX.Element[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return <>{node.text}</>;
      case 'strong':
        return <strong key={i}>{inline(node.children)}</strong>;
      case 'em':
        return <em key={i}>{inline(node.children)}</em>;
      case 'code':
        return <code key={i}>{node.text}</code>;
      default:
        return (
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer nofollow">
            {inline(node.children)}
          </a>
        );
    }
  });
}

function block(node: Block, i: number): JSX.Element {
  switch (node.type) {
    case 'heading': {
      const Tag = `h${Math.min(6, node.level + 1)}` as 'h2';
      return <Tag key={i}>{inline(node.children)}</Tag>;
    }
    case 'paragraph':
      return <p key={i}>{inline(node.children)}</p>;
    case 'list': {
      const items = node.items.map((item, j) => <li key={j}>{inline(item)}</li>);
      return node.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
    }
    case 'code':
      return (
        <pre key={i}>
          <code>{node.text}</code>
        </pre>
      );
    case 'quote':
      return <blockquote key={i}>{inline(node.children)}</blockquote>;
    case 'rule':
      return <hr key={i} />;
  }
}

/** Render article markdown as elements with text children: no HTML from the article is ever interpreted. */
export function Markdown({ source }: { source: string }) {
  return <div class="markdown">{parseMarkdown(source).map(block)}</div>;
}
