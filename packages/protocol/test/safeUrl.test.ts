import {
  FormDefinitionSchema,
  PATTERN_INPUT_MAX,
  safeUrl,
  validateConfig,
  validateSubmission,
} from '@frontdesk/protocol';
import * as v from 'valibot';

const parse = <S extends v.GenericSchema>(schema: S, input: unknown) => v.parse(schema, input);

import { describe, expect, it } from 'vitest';

describe('safeUrl', () => {
  it('keeps http, https, mailto and tel URLs', () => {
    for (const url of [
      'https://x.example/a?b#c',
      'http://x.example',
      'mailto:help@x.example',
      'tel:+420123456789',
    ])
      expect(safeUrl(url)).toBe(url);
  });
  it('refuses script, data and other schemes, relative URLs and disguises', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0001javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'blob:https://x.example/1',
      'file:///etc/passwd',
      '//x.example/a',
      '/relative',
      '',
      undefined,
    ])
      expect(safeUrl(url), String(url)).toBeUndefined();
  });
});

describe('config URLs', () => {
  it('refuses javascript: and data: URLs in every config URL, naming the path', () => {
    const result = validateConfig({
      name: 'Shop',
      theme: { logoUrl: 'javascript:alert(1)', avatarUrl: 'data:image/svg+xml,<svg onload=alert(1)>' },
      channels: {
        social: [
          { network: 'whatsapp', url: 'https://wa.me/420123456789' },
          { network: 'x', url: 'javascript:alert(1)' },
        ],
      },
    });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues.map((i) => i.path).sort()).toEqual([
      'channels.social[1].url',
      'theme.avatarUrl',
      'theme.logoUrl',
    ]);
    expect(issues[0]!.message).toMatch(/absolute http, https, mailto or tel URL/);
  });
  it('accepts https, mailto and tel links', () => {
    const result = validateConfig({
      name: 'Shop',
      theme: { logoUrl: 'https://cdn.example/logo.svg' },
      channels: { social: [{ network: 'telegram', url: 'https://t.me/acme' }] },
    });
    expect(result.ok).toBe(true);
  });
});

describe('admin patterns on visitor text', () => {
  it('run a form field pattern only on values up to PATTERN_INPUT_MAX characters', () => {
    const form = parse(FormDefinitionSchema, {
      id: 'code',
      module: 'custom',
      title: { en: 'Code' },
      fields: [{ name: 'code', type: 'text', label: { en: 'Code' }, pattern: '(a|aa)+' }],
    });
    expect(validateSubmission(form, { code: 'a'.repeat(PATTERN_INPUT_MAX) })).toEqual([]);
    const issues = validateSubmission(form, { code: 'a'.repeat(PATTERN_INPUT_MAX + 1) });
    expect(issues.map((i) => i.message)).toEqual([
      `values.code: expected at most ${PATTERN_INPUT_MAX} characters, found "${'a'.repeat(57)}..."`,
    ]);
  });
});
