import { parseInline, parseMarkdown } from '@frontdesk/admin';
import { describe, expect, it } from 'vitest';

describe('markdown', () => {
  it('reads headings, lists, code and paragraphs into a tree', () => {
    expect(parseMarkdown('# Returns\n\nSend it **back**.\n\n- one\n- two\n\n```\n<b>x</b>\n```')).toEqual([
      { type: 'heading', level: 1, children: [{ type: 'text', text: 'Returns' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Send it ' },
          { type: 'strong', children: [{ type: 'text', text: 'back' }] },
          { type: 'text', text: '.' },
        ],
      },
      {
        type: 'list',
        ordered: false,
        items: [[{ type: 'text', text: 'one' }], [{ type: 'text', text: 'two' }]],
      },
      { type: 'code', text: '<b>x</b>' },
    ]);
  });

  it('keeps HTML as text and drops javascript: links', () => {
    expect(
      parseInline('<img src=x onerror=alert(1)> [click](javascript:alert(1)) [ok](https://a.example)'),
    ).toEqual([
      { type: 'text', text: '<img src=x onerror=alert(1)> ' },
      { type: 'text', text: 'click' },
      { type: 'text', text: ' ' },
      { type: 'link', href: 'https://a.example', children: [{ type: 'text', text: 'ok' }] },
    ]);
  });
});
