import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type DevAuthority,
  defaultGuestTenantId,
  defaultPublicClientId,
  defaultSecondUsername,
  defaultTenantId,
  defaultUsername,
  startDevAuthority,
} from "../src/index.js";
import {
  decodePayload,
  manualClock,
  pkce,
  postToken,
  type TokenBody,
} from "./helpers/authority-helpers.js";
import { type HttpResponse, postForm, request } from "./helpers/https-client.js";
import { parseSignInPage } from "./helpers/sign-in-page.js";

const clock = manualClock();
let authority: DevAuthority;
beforeAll(async () => {
  authority = await startDevAuthority({
    clock,
    users: [
      { username: "carol@contoso.test", displayName: "Carol <Admin>", password: "correct horse" },
    ],
  });
});
beforeEach(() => authority.reset());
afterAll(() => authority.close());

const redirectUri = "http://localhost:53127";

function authorizeUrl(params: Record<string, string>, tenant?: string): string {
  const url = new URL(`${authority.authorityUrl(tenant)}/oauth2/v2.0/authorize`);
  url.search = new URLSearchParams({
    client_id: defaultPublicClientId,
    response_type: "code",
    redirect_uri: redirectUri,
    scope: "User.Read openid profile offline_access",
    state: "s-1",
    ...params,
  }).toString();
  return url.toString();
}

const getPage = (url: string, cookie?: string) =>
  request(url, { ca: authority.caPem, headers: cookie ? { cookie } : undefined });

function submit(
  page: { action: string; pendingId: string },
  fields: Record<string, string | undefined>,
  cookie?: string,
) {
  return postForm(
    `${authority.url}${page.action}`,
    { request: page.pendingId, ...fields },
    {
      ca: authority.caPem,
      headers: cookie ? { cookie } : undefined,
    },
  );
}

function redirected(response: HttpResponse): URL {
  expect(response.status, response.body).toBe(302);
  return new URL(String(response.headers.location));
}

function cookieOf(response: HttpResponse): string {
  return String(response.headers["set-cookie"]?.[0]).split(";")[0] ?? "";
}

describe("the sign-in page over plain HTTP", () => {
  it("works end to end: page, form POST, redirect with code and state, token with nonce and PKCE", async () => {
    const { verifier, challenge } = pkce();
    const page = await getPage(
      authorizeUrl({
        code_challenge: challenge,
        code_challenge_method: "S256",
        nonce: "nonce-42",
        response_mode: "query",
      }),
    );
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    const form = parseSignInPage(page.body);
    expect(form.action).toBe(`/${defaultTenantId}/oauth2/v2.0/authorize`);
    expect(form.usernames).toEqual([defaultUsername, defaultSecondUsername, "carol@contoso.test"]);
    expect(page.body).toContain("Carol &lt;Admin&gt;");

    const location = redirected(
      await submit(form, { username: defaultUsername, action: "continue" }),
    );
    expect(`${location.protocol}//${location.host}`).toBe(redirectUri);
    expect(location.searchParams.get("state")).toBe("s-1");
    const code = location.searchParams.get("code");
    expect(code).toBeTruthy();

    const token = await postToken(authority, {
      grant_type: "authorization_code",
      client_id: defaultPublicClientId,
      code: code ?? "",
      redirect_uri: redirectUri,
      code_verifier: verifier,
      scope: "User.Read openid profile offline_access",
    });
    expect(token.status).toBe(200);
    const body = token.json<TokenBody>();
    expect(decodePayload(body.id_token!)).toMatchObject({
      nonce: "nonce-42",
      preferred_username: defaultUsername,
    });
  });

  it("preselects login_hint, and the only user of a tenant", async () => {
    const hinted = parseSignInPage(
      (await getPage(authorizeUrl({ login_hint: defaultSecondUsername }))).body,
    );
    expect(hinted.checked).toBe(defaultSecondUsername);
    const guestTenant = parseSignInPage(
      (await getPage(authorizeUrl({}, defaultGuestTenantId))).body,
    );
    expect(guestTenant.usernames).toEqual([defaultUsername]);
    expect(guestTenant.checked).toBe(defaultUsername);
  });

  it("asks for the password of users that have one and keeps the user on the page when wrong", async () => {
    const form = parseSignInPage((await getPage(authorizeUrl({}))).body);
    expect(form.hasPassword).toBe(true);
    const wrong = await submit(form, { username: "carol@contoso.test", password: "nope" });
    expect(wrong.status).toBe(200);
    const again = parseSignInPage(wrong.body);
    expect(again.errorCode).toBe("AADSTS50126");
    expect(again.checked).toBe("carol@contoso.test");
    const location = redirected(
      await submit(again, { username: "carol@contoso.test", password: "correct horse" }),
    );
    expect(location.searchParams.get("code")).toBeTruthy();
    // The pending request is single-use.
    expect(
      (await submit(again, { username: "carol@contoso.test", password: "correct horse" })).status,
    ).toBe(400);
  });

  it("asks again when no account was picked", async () => {
    const form = parseSignInPage((await getPage(authorizeUrl({}))).body);
    expect(parseSignInPage((await submit(form, {})).body).errorCode).toBe("AADSTS900144");
  });

  it("redirects access_denied when the user cancels", async () => {
    const form = parseSignInPage((await getPage(authorizeUrl({}))).body);
    const location = redirected(await submit(form, { action: "cancel" }));
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("error_description")).toMatch(/^AADSTS65004: /);
    expect(location.searchParams.get("state")).toBe("s-1");
  });

  it("refuses an expired sign-in page", async () => {
    const form = parseSignInPage((await getPage(authorizeUrl({}))).body);
    clock.advance(11 * 60_000);
    const response = await submit(form, { username: defaultUsername });
    expect(response.status).toBe(400);
    expect(response.body).toContain("AADSTS9002313");
  });
});

describe("the auto=1 shortcut", () => {
  it("signs in user=<username> without a page", async () => {
    const location = redirected(
      await getPage(authorizeUrl({ auto: "1", user: defaultSecondUsername })),
    );
    const code = location.searchParams.get("code") ?? "";
    const token = await postToken(authority, {
      grant_type: "authorization_code",
      client_id: defaultPublicClientId,
      code,
      redirect_uri: redirectUri,
      scope: "User.Read openid",
    });
    expect(decodePayload(token.json<TokenBody>().id_token!).preferred_username).toBe(
      defaultSecondUsername,
    );
  });

  it("falls back to login_hint, checks passwords, and supports auto=cancel", async () => {
    expect(
      redirected(
        await getPage(authorizeUrl({ auto: "1", login_hint: defaultUsername })),
      ).searchParams.has("code"),
    ).toBe(true);
    const wrong = await getPage(
      authorizeUrl({ auto: "1", user: "carol@contoso.test", password: "nope" }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('data-error-code="AADSTS50126"');
    const unknown = await getPage(authorizeUrl({ auto: "1", user: "nobody@contoso.test" }));
    expect(unknown.body).toContain('data-error-code="AADSTS50034"');
    const cancelled = redirected(await getPage(authorizeUrl({ auto: "cancel" })));
    expect(cancelled.searchParams.get("error")).toBe("access_denied");
  });
});

describe("authorize errors", () => {
  it("shows a page (no redirect) for an unknown client, a bad redirect URI or tenant", async () => {
    const unknownClient = await getPage(authorizeUrl({ client_id: "nobody" }));
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.headers.location).toBeUndefined();
    expect(unknownClient.body).toContain('data-error-code="AADSTS700016"');
    const badRedirect = await getPage(authorizeUrl({ redirect_uri: "https://evil.test/cb" }));
    expect(badRedirect.status).toBe(400);
    expect(badRedirect.headers.location).toBeUndefined();
    expect(badRedirect.body).toContain('data-error-code="AADSTS50011"');
    const badTenant = await getPage(authorizeUrl({}, "nope.test"));
    expect(badTenant.body).toContain('data-error-code="AADSTS90002"');
  });

  it("redirects with error for a bad request once the redirect URI is trusted", async () => {
    const responseType = redirected(await getPage(authorizeUrl({ response_type: "token" })));
    expect(responseType.searchParams.get("error")).toBe("unsupported_response_type");
    const twoResources = redirected(
      await getPage(
        authorizeUrl({
          scope: "https://vault.azure.net/.default https://storage.azure.com/.default",
        }),
      ),
    );
    expect(twoResources.searchParams.get("error_description")).toMatch(/^AADSTS28000: /);
    const badChallenge = redirected(
      await getPage(authorizeUrl({ code_challenge: "short", code_challenge_method: "S256" })),
    );
    expect(badChallenge.searchParams.get("error")).toBe("invalid_request");
  });

  it("matches loopback redirect URIs on any port but the same path", async () => {
    expect((await getPage(authorizeUrl({ redirect_uri: "http://localhost:1/" }))).status).toBe(200);
    expect((await getPage(authorizeUrl({ redirect_uri: "http://localhost:1/other" }))).status).toBe(
      400,
    );
  });
});

describe("sessions and prompt", () => {
  it("prompt=none without a session redirects login_required", async () => {
    const location = redirected(await getPage(authorizeUrl({ prompt: "none" })));
    expect(location.searchParams.get("error")).toBe("login_required");
    expect(location.searchParams.get("error_description")).toMatch(/^AADSTS50058: /);
  });

  it("signs in silently with the session cookie; prompt=login shows the page; revocation ends it", async () => {
    const signIn = await getPage(authorizeUrl({ auto: "1", user: defaultUsername }));
    const cookie = cookieOf(signIn);
    expect(cookie).toMatch(/^entrakit_dev_session=/);
    expect(String(signIn.headers["set-cookie"])).toContain("HttpOnly; Secure");

    expect(
      redirected(await getPage(authorizeUrl({ prompt: "none" }), cookie)).searchParams.has("code"),
    ).toBe(true);
    expect(redirected(await getPage(authorizeUrl({}), cookie)).searchParams.has("code")).toBe(true);
    expect((await getPage(authorizeUrl({ prompt: "login" }), cookie)).status).toBe(200);
    expect(
      (await getPage(authorizeUrl({ login_hint: defaultSecondUsername }), cookie)).status,
    ).toBe(200);

    authority.revokeSessions(defaultUsername);
    const after = redirected(await getPage(authorizeUrl({ prompt: "none" }), cookie));
    expect(after.searchParams.get("error")).toBe("login_required");
  });

  it("logout ends the session and returns to post_logout_redirect_uri", async () => {
    const cookie = cookieOf(await getPage(authorizeUrl({ auto: "1", user: defaultUsername })));
    const logout = await getPage(
      `${authority.authorityUrl()}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("http://localhost:3000/bye")}`,
      cookie,
    );
    expect(redirected(logout).toString()).toBe("http://localhost:3000/bye");
    expect(
      redirected(await getPage(authorizeUrl({ prompt: "none" }), cookie)).searchParams.get("error"),
    ).toBe("login_required");
  });
});

describe("response modes", () => {
  it("puts the code in the fragment for response_mode=fragment", async () => {
    const location = redirected(
      await getPage(authorizeUrl({ auto: "1", user: defaultUsername, response_mode: "fragment" })),
    );
    expect(new URLSearchParams(location.hash.slice(1)).get("code")).toBeTruthy();
    expect(location.search).toBe("");
  });

  it("posts the code back with a form for response_mode=form_post", async () => {
    const response = await getPage(
      authorizeUrl({ auto: "1", user: defaultUsername, response_mode: "form_post" }),
    );
    expect(response.status).toBe(200);
    expect(response.body).toContain(`<form method="post" action="${redirectUri}" id="form-post">`);
    expect(response.body).toMatch(/<input type="hidden" name="code" value="0\.A[^"]+">/);
    expect(response.body).toContain('<input type="hidden" name="state" value="s-1">');
  });

  it("accepts the authorize request itself as a POST", async () => {
    const url = new URL(authorizeUrl({ auto: "1", user: defaultUsername }));
    const response = await postForm(
      `${url.origin}${url.pathname}`,
      Object.fromEntries(url.searchParams),
      { ca: authority.caPem },
    );
    expect(redirected(response).searchParams.has("code")).toBe(true);
  });
});
