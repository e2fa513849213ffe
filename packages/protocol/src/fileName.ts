// Invisible format characters (Unicode Cf): bidi embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069,
// marks U+200E/U+200F and U+061C, zero-width characters, the BOM, soft hyphen, tag characters. A name like
// "inv\u202Efdp.exe" would otherwise show as "invexe.pdf".
const FORMAT = /\p{Cf}/gu;
// Controls, line and paragraph separators, and path separators become "_".
const UNSAFE = /[\p{Cc}\p{Zl}\p{Zp}/\\]/gu;

/**
 * A file name safe to show to people and to put in `Content-Disposition`: invisible format characters (bidi
 * controls included) removed, controls and path separators replaced by `_`, trimmed, at most 255 characters;
 * `file` when nothing is left.
 */
export function cleanFileName(name: string): string {
  const cleaned = Array.from(name.replace(FORMAT, '').replace(UNSAFE, '_').trim()).slice(0, 255).join('');
  return cleaned || 'file';
}
