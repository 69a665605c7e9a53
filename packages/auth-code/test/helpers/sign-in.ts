// Stands in for the browser: signs a user in at the dev authority over plain HTTPS, either with
// its documented `auto=1&user=` shortcut or by submitting its sign-in form, and returns the URL
// the browser would be redirected to (carrying `code` and `state`, or `error`).
import { request } from "node:https";

interface HttpAnswer {
  status: number;
  location: string | undefined;
  body: string;
}

function send(
  url: URL,
  ca: string,
  method: "GET" | "POST",
  form?: URLSearchParams,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const body = form?.toString();
    const headers: Record<string, string> = body
      ? { "content-type": "application/x-www-form-urlencoded" }
      : {};
    const req = request(url, { method, ca, headers }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        text += chunk;
      });
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          location: response.headers.location,
          body: text,
        }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

function redirectOf(answer: HttpAnswer): string {
  if (answer.status !== 302 || !answer.location) {
    throw new TypeError(`the authorize endpoint answered ${answer.status} without a redirect`);
  }
  return answer.location;
}

/** Signs in through the `auto=1&user=` shortcut (or `auto=cancel`, which declines). */
export async function signInWithShortcut(
  authorizeUrl: string,
  ca: string,
  username: string | "cancel",
): Promise<string> {
  const url = new URL(authorizeUrl);
  if (username === "cancel") url.searchParams.set("auto", "cancel");
  else {
    url.searchParams.set("auto", "1");
    url.searchParams.set("user", username);
  }
  return redirectOf(await send(url, ca, "GET"));
}

/** Signs in by reading the sign-in page and posting its form, as a browser would. */
export async function signInWithForm(
  authorizeUrl: string,
  ca: string,
  username: string,
): Promise<string> {
  const page = await send(new URL(authorizeUrl), ca, "GET");
  const action = /<form method="post" action="([^"]+)" id="sign-in">/.exec(page.body)?.[1];
  const pending = /<input type="hidden" name="request" value="([^"]+)">/.exec(page.body)?.[1];
  if (page.status !== 200 || !action || !pending) {
    throw new TypeError(`the sign-in page (status ${page.status}) has no sign-in form`);
  }
  const form = new URLSearchParams({
    request: unescapeHtml(pending),
    username,
    action: "continue",
  });
  return redirectOf(await send(new URL(unescapeHtml(action), authorizeUrl), ca, "POST", form));
}

function unescapeHtml(text: string): string {
  return text
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}
