// A real Chromium signs in to the example against the dev authority: the authority's page,
// the redirect back, the code redemption with PKCE, and the profile call with the token.
import { createHash, X509Certificate } from "node:crypto";
import { constants } from "node:fs";
import { access, mkdir, mkdtemp, rm } from "node:fs/promises";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultUsername, redactedValue } from "@entrakit/dev-authority";
import { describeWithService } from "@entrakit/testkit";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { startWithDevAuthority } from "../src/start-with-dev-authority.mjs";

const chromiumPath = "/usr/bin/chromium";
const screenshotPath = fileURLToPath(new URL("../test-results/signed-in.png", import.meta.url));

async function probeChromium() {
  try {
    await access(chromiumPath, constants.X_OK);
    return undefined;
  } catch {
    return `${chromiumPath} not found; install the Debian package chromium`;
  }
}

/**
 * The base64 SHA-256 of the certificate's public key: Chromium then accepts exactly this
 * self-signed certificate, and still rejects any other bad one.
 * @param {string} certificatePem
 */
function spkiFingerprint(certificatePem) {
  const spki = new X509Certificate(certificatePem).publicKey.export({
    type: "spki",
    format: "der",
  });
  return createHash("sha256").update(spki).digest("base64");
}

/**
 * POSTs the sign-in form to the authority (trusting its CA) and returns the redirect target.
 * @param {string} url
 * @param {string} form
 * @param {string} ca
 * @returns {Promise<string>}
 */
function postForLocation(url, form, ca) {
  return new Promise((resolve, reject) => {
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    const req = request(url, { method: "POST", headers, ca }, (res) => {
      res.resume();
      const location = res.headers.location;
      if (res.statusCode === 302 && location) resolve(location);
      else reject(new TypeError(`sign-in POST answered ${res.statusCode} without a redirect`));
    });
    req.on("error", reject).end(form);
  });
}

describeWithService("chromium", probeChromium, () => {
  /** @type {import("../src/start-with-dev-authority.mjs").DevWebApp} */
  let dev;
  /** @type {import("playwright-core").BrowserContext} */
  let browser;
  /** @type {string} */
  let userDataDir;

  beforeAll(async () => {
    dev = await startWithDevAuthority({ port: 0 });
    userDataDir = await mkdtemp(join(tmpdir(), "entrakit-web-app-chromium-"));
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--ignore-certificate-errors-spki-list=${spkiFingerprint(dev.authority.caPem)}`,
      ],
    });
    // Fail on a missing element with Playwright's message, well before the test's own timeout.
    browser.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await dev?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    dev.authority.clearRequestLog();
    // Both the app's session and the authority's single sign-on start empty in every test.
    await browser.clearCookies();
  });

  /** Opens the app and signs in as alice on the authority's page, up to the redirect back. */
  async function signInAsAlice() {
    const page = await browser.newPage();
    await page.goto(dev.app.url);
    await page.click("#sign-in");
    await page.waitForURL((url) => url.origin === dev.authority.url);
    await page.check(`input[name="username"][value="${defaultUsername}"]`);
    await page.click("#continue");
    return page;
  }

  test("signs alice in with PKCE, redeems the code once and shows her /me profile", async () => {
    const page = await signInAsAlice();
    await page.waitForURL(`${dev.app.url}me`);

    expect(await page.textContent("#user-name")).toBe("Alice Smith");
    expect(await page.textContent("#user-username")).toBe(defaultUsername);
    expect(await page.textContent("#me-status")).toBe("200 OK");
    expect(await page.textContent("#me-userPrincipalName")).toBe(defaultUsername);
    expect(await page.textContent("#me-displayName")).toBe("Alice Smith");
    const alice = dev.authority.getUser(defaultUsername);
    const home = alice?.tenants.find((tenant) => tenant.tenantId === alice.homeTenantId);
    expect(await page.textContent("#me-id")).toBe(home?.objectId);
    // No JWT (token) ever reaches the page.
    expect(await page.content()).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
    await mkdir(join(screenshotPath, ".."), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });

    // The GET that showed the sign-in page carried the authorization request.
    const authorize = dev.authority
      .requestLog({ endpoint: "authorize" })
      .filter((entry) => entry.method === "GET");
    expect(authorize).toHaveLength(1);
    for (const entry of authorize) {
      expect(entry.params.code_challenge_method).toBe("S256");
      expect(entry.params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(entry.params.state).toBe(redactedValue);
    }
    const redemptions = dev.authority.requestLog({ grantType: "authorization_code" });
    expect(redemptions).toHaveLength(1);
    const [redemption] = redemptions;
    // 200 for a code issued with a code_challenge means the authority verified the verifier
    // (it answers AADSTS50148 otherwise).
    expect(redemption?.status).toBe(200);
    expect(redemption?.clientId).toBe(dev.clientId);
    expect(redemption?.params.code_verifier).toBe(redactedValue);
    expect(redemption?.params.client_secret).toBe(redactedValue);
    expect(redemption?.params.redirect_uri).toBe(dev.app.redirectUri);
    expect(dev.authority.requestLog({ endpoint: "me", status: 200 }).length).toBeGreaterThan(0);

    const [session] = await browser.cookies(dev.app.url);
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    await page.goto(dev.app.url);
    expect(await page.textContent("#signed-in-user")).toContain("Alice Smith");
    await page.click("#sign-out");
    await page.waitForURL(dev.app.url);
    expect(await page.isVisible("#sign-in")).toBe(true);
    expect(dev.authority.countRequests({ grantType: "authorization_code" })).toBe(1);
    await page.close();
  });

  test("a callback with a tampered state shows an error page and redeems nothing", async () => {
    /** @type {URL | undefined} */
    let genuine;
    const page = await browser.newPage();
    // Chromium follows the authority's redirect itself (redirect hops cannot be routed), so the
    // sign-in form's POST is sent from here and its redirect handed back with another state.
    await page.route(
      (url) => url.origin === dev.authority.url && url.pathname.endsWith("/oauth2/v2.0/authorize"),
      async (route) => {
        const request = route.request();
        if (request.method() !== "POST") return route.continue();
        genuine = new URL(
          await postForLocation(request.url(), request.postData() ?? "", dev.authority.caPem),
        );
        const tampered = new URL(genuine);
        tampered.searchParams.set("state", `forged-${genuine.searchParams.get("state")}`);
        await route.fulfill({ status: 302, headers: { location: tampered.toString() } });
      },
    );
    await page.goto(dev.app.url);
    await page.click("#sign-in");
    await page.waitForURL((url) => url.origin === dev.authority.url);
    await page.check(`input[name="username"][value="${defaultUsername}"]`);
    await page.click("#continue");
    await page.waitForURL((url) => url.pathname === "/auth/callback");

    expect(await page.textContent("#error-message")).toContain(
      "state does not match the request's",
    );
    const code = genuine?.searchParams.get("code");
    expect(code).toBeTruthy();
    expect(await page.content()).not.toContain(String(code));
    expect(dev.authority.countRequests({ grantType: "authorization_code" })).toBe(0);

    // The genuine redirect, replayed, finds the sign-in already used up.
    await page.unrouteAll();
    await page.goto(String(genuine));
    expect(await page.textContent("#error-message")).toContain("no sign-in is in progress");
    expect(dev.authority.countRequests({ grantType: "authorization_code" })).toBe(0);
    await page.close();
  });
});
