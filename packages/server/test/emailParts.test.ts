import { describe, expect, it } from 'vitest';
import {
  conversationOfAddress,
  followUpSignature,
  followUpSignatureValid,
  replyAddress,
  stripQuoted,
} from '../src/services/email/address';
import { renderFollowUp, renderThread } from '../src/services/email/render';
import { EMAIL_LOCALES, emailLocale, textsFor } from '../src/services/email/texts';

const secret = 'test-secret-for-signatures';

describe('signed reply addresses and links', () => {
  it('accepts only the address the server signed, for the conversation it names', () => {
    const address = replyAddress(secret, 'cv_abc123', 'mail.example.com');
    expect(address).toMatch(/^reply\+cv_abc123\.[0-9a-f]{24}@mail\.example\.com$/);
    expect(conversationOfAddress(secret, address)).toBe('cv_abc123');
    expect(conversationOfAddress(secret, address.toUpperCase().replace('REPLY', 'reply'))).toBe(null);
    // Another conversation's id with this signature, a changed signature, another secret, no signature: refused.
    expect(conversationOfAddress(secret, address.replace('cv_abc123', 'cv_abc124'))).toBe(null);
    expect(conversationOfAddress(secret, address.replace(/\.[0-9a-f]/, '.0'))).toBe(null);
    expect(conversationOfAddress('another-secret', address)).toBe(null);
    expect(conversationOfAddress(secret, 'reply+cv_abc123@mail.example.com')).toBe(null);
    expect(conversationOfAddress(secret, 'someone@example.com')).toBe(null);
  });

  it('signs follow-up answers separately', () => {
    const yes = followUpSignature(secret, 'cv_1', 'yes');
    expect(followUpSignatureValid(secret, 'cv_1', 'yes', yes)).toBe(true);
    expect(followUpSignatureValid(secret, 'cv_1', 'no', yes)).toBe(false);
    expect(followUpSignatureValid(secret, 'cv_2', 'yes', yes)).toBe(false);
  });
});

describe('stripping the quoted history of an emailed answer', () => {
  const marker = textsFor('en').t('replyAbove');
  it('keeps only the new text', () => {
    expect(
      stripQuoted(`Thanks!\n\nOn Tue, 1 Dec 2026 at 10:00, Acme <reply+x@y> wrote:\n> old`, [marker]),
    ).toBe('Thanks!');
    expect(stripQuoted(`Yes please\r\n\r\n${marker}\r\nYou have a new reply`, [marker])).toBe('Yes please');
    expect(stripQuoted('Line one\nLine two\n> quoted\nmore', [marker])).toBe('Line one\nLine two');
    expect(stripQuoted('Ok\n\n-----Original Message-----\nFrom: x', [marker])).toBe('Ok');
    expect(stripQuoted('Sure\n-- \nAna, Acme Corp', [marker])).toBe('Sure');
    expect(stripQuoted('Díky\n\nDne 1. 12. 2026 v 10:00 Acme napsal:\n> stará', [marker])).toBe('Díky');
    expect(stripQuoted(`> only quoted`, [marker])).toBe('');
  });
});

describe('email texts and rendering', () => {
  it('has every text in every locale the widget ships', () => {
    expect(EMAIL_LOCALES.sort()).toEqual(['ar', 'cs', 'en', 'hu', 'lv', 'zh']);
    for (const locale of EMAIL_LOCALES) {
      const { t } = textsFor(locale);
      for (const key of [
        'replySubject',
        'followupSubject',
        'yes',
        'no',
        'replyAbove',
        'pageInvalid',
      ] as const)
        expect(t(key, { site: 'S', n: 2 }).length).toBeGreaterThan(0);
    }
    expect(textsFor('ar').dir).toBe('rtl');
  });

  it('picks the visitor locale when the site enables it, else the default', () => {
    expect(emailLocale('cs-CZ', ['en', 'cs'], 'en')).toBe('cs');
    expect(emailLocale('cs', ['en'], 'en')).toBe('en');
    expect(emailLocale(null, ['en', 'hu'], 'hu')).toBe('hu');
    expect(emailLocale('de', ['en', 'de'], 'en')).toBe('en');
  });

  it('escapes every untrusted text in HTML and loads nothing remote', () => {
    const email = renderThread('reply', {
      locale: 'en',
      site: 'Acme <script>',
      lines: [
        {
          visitor: true,
          name: null,
          text: '<img src=https://evil.test/x.png>',
          at: '2026-12-01T10:00:00.000Z',
        },
        { visitor: false, name: 'Ana "the agent"', text: 'Hi & welcome', at: '2026-12-01T10:01:00.000Z' },
      ],
    });
    expect(email.subject).toBe('New reply from Acme <script>');
    expect(email.html).not.toContain('<img');
    expect(email.html).not.toContain('<script');
    expect(email.html).toContain('&lt;img src=https://evil.test/x.png&gt;');
    expect(email.html).toContain('Ana &quot;the agent&quot;');
    expect(email.text).toContain('<img src=https://evil.test/x.png>');
    const followUp = renderFollowUp({
      locale: 'ar',
      site: 'Acme',
      yesUrl: 'https://s.test/yes?a=1&b=2',
      noUrl: 'https://s.test/no',
    });
    expect(followUp.html).toContain('dir="rtl"');
    expect(followUp.html).toContain('href="https://s.test/yes?a=1&amp;b=2"');
    expect(followUp.html).not.toMatch(/src=|<link|<script/);
  });
});
