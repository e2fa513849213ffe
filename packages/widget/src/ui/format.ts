// Formatting only the lazily loaded views need (kept out of the main bundle).

/** A date like "23 Nov 2026" in `tag`'s locale. */
export const formatDate = (tag: string, iso: string): string =>
  new Intl.DateTimeFormat(tag, { dateStyle: 'medium' }).format(new Date(iso));

/** A file size like "10 MB" in `tag`'s locale. */
export const formatSize = (tag: string, bytes: number): string =>
  new Intl.NumberFormat(tag, {
    style: 'unit',
    unit: bytes >= 1048576 ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: 1,
  }).format(bytes >= 1048576 ? bytes / 1048576 : bytes / 1024);
