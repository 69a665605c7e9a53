// Reads the authority's sign-in page the way a plain HTTP client would: by its form fields.

export interface SignInPage {
  readonly action: string;
  readonly pendingId: string;
  readonly usernames: string[];
  readonly checked: string | undefined;
  readonly errorCode: string | undefined;
  readonly hasPassword: boolean;
}

const decodeEntities = (value: string) =>
  value
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

export function parseSignInPage(html: string): SignInPage {
  const action = /<form method="post" action="([^"]+)" id="sign-in">/.exec(html)?.[1];
  const pendingId = /<input type="hidden" name="request" value="([^"]+)">/.exec(html)?.[1];
  if (!action || !pendingId) throw new Error("not a sign-in page");
  const radios = [
    ...html.matchAll(/<input type="radio" name="username" value="([^"]+)"[^>]*?( checked)?>/g),
  ];
  return {
    action: decodeEntities(action),
    pendingId,
    usernames: radios.map((match) => decodeEntities(match[1] ?? "")),
    checked: radios.find((match) => match[2] !== undefined)?.[1],
    errorCode: /data-error-code="([^"]+)"/.exec(html)?.[1],
    hasPassword: html.includes('name="password"'),
  };
}
