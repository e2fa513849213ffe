import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { inline, safeUrl } from '../src/ui/inline';
import { markdown } from '../src/ui/markdown';

const html = (nodes: ReturnType<typeof inline>) => {
  const el = document.createElement('div');
  render(nodes, el);
  return el;
};

describe('untrusted text is rendered as text', () => {
  it('never turns HTML in a message into elements', () => {
    const el = html(inline('<img src=x onerror="alert(1)"> <script>alert(2)</script> **bold**'));
    expect(el.querySelector('img, script')).toBeNull();
    expect(el.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(el.querySelector('strong')?.textContent).toBe('bold');
  });

  it('keeps only http(s), mailto and tel links, opened safely', () => {
    const el = html(
      inline('[a](https://ok.example/x) [b](javascript:alert(1)) [c](data:text/html,hi) mailto'),
    );
    const links = [...el.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://ok.example/x']);
    expect(links[0]!.getAttribute('rel')).toContain('noopener');
    expect(links[0]!.getAttribute('target')).toBe('_blank');
    expect(el.textContent).toContain('[b](javascript:alert(1))');
    expect(safeUrl('tel:+420123456789')).toBe('tel:+420123456789');
    expect(safeUrl('/relative')).toBeUndefined();
  });

  it('links bare URLs without the trailing punctuation', () => {
    const el = html(inline('See https://example.com/help.'));
    expect(el.querySelector('a')?.getAttribute('href')).toBe('https://example.com/help');
    expect(el.textContent).toBe('See https://example.com/help.');
  });

  it('renders article markdown blocks as elements, with unsafe images dropped', () => {
    const el = html(
      markdown(
        '# Title\n\nSome *text*.\n\n- one\n- two\n\n1. first\n\n> quoted\n\n```\n<b>code</b>\n```\n\n![x](javascript:alert(1))\n\n![ok](https://img.example/a.png)',
      ),
    );
    expect(el.querySelector('h2')?.textContent).toBe('Title');
    expect(el.querySelectorAll('ul li')).toHaveLength(2);
    expect(el.querySelectorAll('ol li')).toHaveLength(1);
    expect(el.querySelector('blockquote')?.textContent).toBe('quoted');
    expect(el.querySelector('pre code')?.textContent).toBe('<b>code</b>');
    expect(el.querySelector('pre b')).toBeNull();
    expect([...el.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual([
      'https://img.example/a.png',
    ]);
  });
});
