// The WHATWG URL parser, global in browsers and Node; protocol code sees neither environment's types.
declare const URL: new (url: string | undefined) => { protocol: string };

/**
 * The one rule for URLs that Frontdesk puts into `href` or `src`, in config and in every UI: absolute, with
 * scheme http, https, mailto or tel. `javascript:`, `data:`, `blob:`, `file:` and relative URLs are refused:
 * the URL itself when safe, else undefined.
 */
export function safeUrl(url: string | undefined): string | undefined {
  // No URL is not a safe URL; checked first because a thrown error is costly, and UIs ask on every render.
  if (url)
    try {
      // Browsers parse an href with this same parser, so the scheme checked here is the one they would follow.
      if (/^(https?|mailto|tel):$/.test(new URL(url).protocol)) return url;
    } catch {
      // Not an absolute URL.
    }
  return undefined;
}
