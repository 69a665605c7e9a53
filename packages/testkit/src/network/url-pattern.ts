/**
 * Which URLs a scripted response answers. A string matches a URL whose part before `?` or `#`
 * equals it or ends with it (`"/oauth2/v2.0/token"` matches every tenant's token endpoint); a
 * RegExp is tested against the whole URL, query included.
 */
export type UrlPattern = string | RegExp;

/** The URL without its query string and fragment, which may hold codes or tokens. */
export function urlWithoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

/** True when `url` matches `pattern` (see {@link UrlPattern}). */
export function matchesUrl(pattern: UrlPattern, url: string): boolean {
  if (typeof pattern === "string") {
    const path = urlWithoutQuery(url);
    const wanted = urlWithoutQuery(pattern);
    return path === wanted || path.endsWith(wanted);
  }
  // A global or sticky RegExp keeps state between test() calls; reset it so matching is pure.
  pattern.lastIndex = 0;
  return pattern.test(url);
}

/** A pattern as text for error messages. */
export function describePattern(pattern: UrlPattern): string {
  return typeof pattern === "string" ? JSON.stringify(pattern) : String(pattern);
}
