import { cleanFileName } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';

describe('cleanFileName', () => {
  it('removes bidi controls so a name cannot show another extension', () => {
    expect(cleanFileName('inv\u202Efdp.exe')).toBe('invfdp.exe');
    const bidi = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
    expect(cleanFileName(`a${bidi}b.pdf`)).toBe('ab.pdf');
  });

  it('removes other invisible format characters and replaces controls and separators', () => {
    expect(cleanFileName('\uFEFFre\u200Bport\u00AD\u2060.pdf')).toBe('report.pdf');
    expect(cleanFileName('a/b\\c\nd\u2028e.txt')).toBe('a_b_c_d_e.txt');
    expect(cleanFileName('  \u202E ')).toBe('file');
  });

  it('keeps letters of every script and caps the length without splitting a character', () => {
    expect(cleanFileName('číslo-报告-😀.pdf')).toBe('číslo-报告-😀.pdf');
    expect(Array.from(cleanFileName('😀'.repeat(300)))).toHaveLength(255);
  });
});
