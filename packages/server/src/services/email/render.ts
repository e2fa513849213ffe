import { textsFor } from './texts';

/** An email ready to send: plain text and HTML of the same content. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  /** Files sent with it (the weekly summary's CSV). */
  attachments?: Array<{ filename: string; contentType: string; content: string }>;
}

/** One message of a thread as shown in an email. */
export interface ThreadLine {
  /** The visitor's own messages are shown as "You". */
  visitor: boolean;
  name: string | null;
  text: string;
  at: string;
}

/** Escape text for HTML (every untrusted string goes through this). */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

function when(at: string): string {
  return `${at.slice(0, 16).replace('T', ' ')} UTC`;
}

// No remote content: no images, fonts or stylesheets, only inline styles and plain links.
function page(dir: string, locale: string, body: string): string {
  return `<!doctype html><html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"></head><body style="font-family:sans-serif;line-height:1.5;color:#222;max-width:600px">${body}</body></html>`;
}

function threadParts(lines: ThreadLine[], you: string): { text: string; html: string } {
  const label = (l: ThreadLine) => (l.visitor ? you : (l.name ?? ''));
  const text = lines.map((l) => `${label(l)} (${when(l.at)}):\n${l.text}`).join('\n\n');
  const html = lines
    .map(
      (l) =>
        `<div style="margin:12px 0;padding:8px 12px;border-radius:8px;background:${l.visitor ? '#eef2fb' : '#f4f4f4'}"><div style="font-size:12px;color:#666">${escapeHtml(label(l))} · ${escapeHtml(when(l.at))}</div><div style="white-space:pre-wrap">${escapeHtml(l.text)}</div></div>`,
    )
    .join('');
  return { text, html };
}

/** An agent reply the visitor did not read, or a transcript they asked for: the thread so far. */
export function renderThread(
  kind: 'reply' | 'transcript',
  input: { locale: string; site: string; lines: ThreadLine[] },
): RenderedEmail {
  const { t, dir, locale } = textsFor(input.locale);
  const site = input.site;
  const subject = t(kind === 'reply' ? 'replySubject' : 'transcriptSubject', { site });
  const intro = t(kind === 'reply' ? 'replyIntro' : 'transcriptIntro', { site });
  const thread = threadParts(input.lines, t('you'));
  // Replies start above a marker line, so the quoted history is cut off when the answer comes back.
  const marker = kind === 'reply' ? `${t('replyAbove')}\n\n` : '';
  const markerHtml = kind === 'reply' ? `<p style="color:#888">${escapeHtml(t('replyAbove'))}</p>` : '';
  return {
    subject,
    text: `${marker}${intro}\n\n${thread.text}\n`,
    html: page(dir, locale, `${markerHtml}<p>${escapeHtml(intro)}</p>${thread.html}`),
  };
}

/** "Is your problem solved?" with signed one-click Yes / No links. */
export function renderFollowUp(input: {
  locale: string;
  site: string;
  yesUrl: string;
  noUrl: string;
}): RenderedEmail {
  const { t, dir, locale } = textsFor(input.locale);
  const intro = t('followupIntro', { site: input.site });
  const button = (url: string, label: string, color: string) =>
    `<a href="${escapeHtml(url)}" style="display:inline-block;margin:4px 8px 4px 0;padding:10px 16px;border-radius:6px;background:${color};color:#fff;text-decoration:none">${escapeHtml(label)}</a>`;
  return {
    subject: t('followupSubject'),
    text: `${intro}\n\n${t('yes')}: ${input.yesUrl}\n${t('no')}: ${input.noUrl}\n`,
    html: page(
      dir,
      locale,
      `<p>${escapeHtml(intro)}</p><p>${button(input.yesUrl, t('yes'), '#1f7a3a')}${button(input.noUrl, t('no'), '#8a2c2c')}</p>`,
    ),
  };
}

/** The agents' digest: conversations waiting for an answer, with links into the console. */
export function renderDigest(input: {
  site: string;
  items: Array<{ url: string; who: string; text: string; at: string }>;
}): RenderedEmail {
  const { t } = textsFor('en');
  const n = input.items.length;
  const line = (i: (typeof input.items)[number]) => `${i.who} (${when(i.at)}): ${i.text.slice(0, 200)}`;
  return {
    subject: t('digestSubject', { n, site: input.site }),
    text: `${t('digestIntro')}\n\n${input.items.map((i) => `- ${line(i)}\n  ${i.url}`).join('\n')}\n`,
    html: page(
      'ltr',
      'en',
      `<p>${escapeHtml(t('digestIntro'))}</p><ul>${input.items
        .map((i) => `<li><a href="${escapeHtml(i.url)}">${escapeHtml(line(i))}</a></li>`)
        .join('')}</ul>`,
    ),
  };
}
