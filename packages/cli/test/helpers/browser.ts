// Stands in for the browser: reads the dev authority's sign-in page and posts its form (as its
// README describes for plain HTTP clients), or uses its `auto=` shortcut, then follows the
// redirect to entrakit's loopback server.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/** An HTTP answer, without following redirects. */
export interface HttpAnswer {
  readonly status: number;
  readonly location: string | undefined;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** Sends one request (https with the given CA, or http) and reads the whole answer. */
export function send(
  url: URL,
  options: { ca?: string; method?: "GET" | "POST"; form?: URLSearchParams } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const body = options.form?.toString();
    const headers: Record<string, string> = body
      ? { "content-type": "application/x-www-form-urlencoded" }
      : {};
    const requester = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = requester(
      url,
      { method: options.method ?? "GET", headers, ...(options.ca ? { ca: options.ca } : {}) },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location,
            headers: response.headers,
            body: text,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const unescapeHtml = (text: string) =>
  text
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

/**
 * Opens the authorize URL, reads the sign-in form and submits it for `username`
 * (`action` `continue`, or `cancel` to decline), returning where the browser is redirected.
 */
export async function submitSignInPage(
  authorizeUrl: string,
  ca: string,
  username: string,
  action: "continue" | "cancel" = "continue",
): Promise<string> {
  const page = await send(new URL(authorizeUrl), { ca });
  const formAction = /<form method="post" action="([^"]+)" id="sign-in">/.exec(page.body)?.[1];
  const pending = /<input type="hidden" name="request" value="([^"]+)">/.exec(page.body)?.[1];
  if (page.status !== 200 || !formAction || !pending) {
    throw new TypeError(`the sign-in page (status ${page.status}) has no sign-in form`);
  }
  const form = new URLSearchParams({ request: unescapeHtml(pending), username, action });
  const answer = await send(new URL(unescapeHtml(formAction), authorizeUrl), {
    ca,
    method: "POST",
    form,
  });
  if (answer.status !== 302 || !answer.location) {
    throw new TypeError(`the sign-in form answered ${answer.status} without a redirect`);
  }
  return answer.location;
}

/** Uses the dev authority's `auto=1&user=` shortcut and returns the redirect. */
export async function signInWithShortcut(
  authorizeUrl: string,
  ca: string,
  username: string,
): Promise<string> {
  const url = new URL(authorizeUrl);
  url.searchParams.set("auto", "1");
  url.searchParams.set("user", username);
  const answer = await send(url, { ca });
  if (answer.status !== 302 || !answer.location) {
    throw new TypeError(`the shortcut answered ${answer.status} without a redirect`);
  }
  return answer.location;
}

/** Follows a redirect to `http://localhost:<port>` as a browser would (on 127.0.0.1). */
export function followToLoopback(location: string): Promise<HttpAnswer> {
  const url = new URL(location);
  url.hostname = "127.0.0.1";
  return send(url);
}

/** The authorize URL entrakit printed on its own line. */
export const printedUrl = /^ {2}(https:\/\/\S+\/oauth2\/v2\.0\/authorize\?\S+)$/m;
