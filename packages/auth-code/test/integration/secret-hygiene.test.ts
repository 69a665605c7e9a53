import { createHash, randomUUID } from "node:crypto";
import { defaultTenantId, defaultUsername } from "@entrakit/dev-authority";
import {
  createSecretScanner,
  findIssuedValueLeaks,
  type LogCapture,
  type SecretScanner,
} from "@entrakit/testkit";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthorizationCodeCredential } from "../../src/authorization-code-credential";
import type { AuthorizationCodeCredentialOptions } from "../../src/authorization-code-credential-options";
import {
  type AuthorityFixture,
  recordingNetworkModule,
  rejectionOf,
  startAuthorityFixture,
  storageScope,
  trustingNetworkModule,
  vaultScope,
  waitUntil,
} from "../helpers/dev-authority";

const redirectUri = "https://hygiene.example.test/callback";
const clientId = randomUUID();
let fixture: AuthorityFixture;
let scanner: SecretScanner;
let clientSecret: string;
let logs: LogCapture;
/** Every code, access, refresh and id token the authority handed out in this file. */
const issued: string[] = [];
/** Every error a scenario produced, and its full inspection. */
const errors: unknown[] = [];

beforeAll(async () => {
  fixture = await startAuthorityFixture();
  scanner = createSecretScanner();
  clientSecret = scanner.plant("client-secret");
  fixture.authority.registerApp({ clientId, clientSecret, redirectUris: [redirectUri] });
});
afterAll(async () => {
  await fixture?.close();
});
beforeEach(() => {
  fixture.authority.clearFaults();
  errors.length = 0;
  // Captured before any credential exists: MSAL's own logger is set up at verbose too.
  logs = scanner.captureLogs();
});
afterEach(() => {
  logs.dispose();
});

/** A code for the hygiene app; PKCE-bound when a verifier is given. */
function mint(codeVerifier?: string): string {
  const code = fixture.mintWebAppCode({
    clientId,
    redirectUri,
    ...(codeVerifier
      ? { codeChallenge: createHash("sha256").update(codeVerifier).digest("base64url") }
      : {}),
  });
  issued.push(code);
  return code;
}

function credential(
  code: string,
  extra: AuthorizationCodeCredentialOptions = {},
  secret = clientSecret,
): AuthorizationCodeCredential {
  const recording = recordingNetworkModule(
    trustingNetworkModule(fixture.authority, extra.transportOptions),
  );
  // The recorded tokens are read after each scenario, so the array keeps filling.
  const originalPush = recording.issuedSecrets.push.bind(recording.issuedSecrets);
  recording.issuedSecrets.push = (...values: string[]) => {
    issued.push(...values);
    return originalPush(...values);
  };
  return new AuthorizationCodeCredential(defaultTenantId, clientId, secret, code, redirectUri, {
    ...fixture.options(extra),
    networkModule: recording.networkModule,
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  const error = await rejectionOf(promise);
  errors.push(error);
  return error;
}

function assertClean(): void {
  expect(findIssuedValueLeaks(issued, logs, errors)).toEqual([]);
  scanner.assertClean(logs, ...errors);
}

describe("no secret, code or token reaches a log line or an error, at verbose", () => {
  afterEach(() => {
    expect(logs.lines.length).toBeGreaterThan(0);
    assertClean();
  });

  it("the happy path: redemption, refresh, CAE switch", async () => {
    const cred = credential(mint());
    await cred.getToken(vaultScope);
    await cred.getToken(storageScope, { enableCae: true });
    await cred.getToken(storageScope);
    await cred.close();
    expect(issued.length).toBeGreaterThan(5);
    // MSAL's own verbose lines were captured too, so they were scanned.
    expect(logs.lines.some((line) => line.includes("MSAL: "))).toBe(true);
  });

  it("a wrong client secret", async () => {
    const wrong = scanner.plant("wrong-client-secret");
    const cred = credential(mint(), {}, wrong);
    await failure(cred.getToken(vaultScope));
    await failure(cred.getToken(vaultScope));
  });

  it("an expired code, then the fast code_spent error", async () => {
    const code = mint();
    fixture.authority.expireCode(code);
    const cred = credential(code);
    await failure(cred.getToken(vaultScope));
    await failure(cred.getToken(vaultScope));
  });

  it("a code redeemed elsewhere", async () => {
    const code = mint();
    await credential(code).getToken(vaultScope);
    await failure(credential(code).getToken(vaultScope));
  });

  it("a wrong PKCE verifier, and a right one", async () => {
    const verifier = `${scanner.plant("verifier-a")}${scanner.plant("verifier-b")}`;
    const wrong = `${scanner.plant("wrong-verifier-a")}${scanner.plant("wrong-verifier-b")}`;
    await failure(credential(mint(verifier), { codeVerifier: wrong }).getToken(vaultScope));
    await credential(mint(verifier), { codeVerifier: verifier }).getToken(vaultScope);
  });

  it("transient faults, a lost attempt, HTML and malformed answers", async () => {
    fixture.authority.injectFault({ endpoint: "token", kind: "server-error", count: 2 });
    await credential(mint()).getToken(vaultScope);
    fixture.authority.injectFault({ endpoint: "token", kind: "reset" });
    await credential(mint()).getToken(vaultScope);
    fixture.authority.injectFault({ endpoint: "token", kind: "html", count: 10 });
    await failure(credential(mint(), { transportOptions: { maxRetries: 1 } }).getToken(vaultScope));
    fixture.authority.clearFaults();
    fixture.authority.injectFault({ endpoint: "token", kind: "malformed-json" });
    await failure(credential(mint()).getToken(vaultScope));
    fixture.authority.injectFault({ endpoint: "token", kind: "delay", delayMs: 400 });
    const slow = credential(mint(), {
      transportOptions: {
        timeoutMs: 250,
        retryDelayMs: 1000,
        maxRetryDelayMs: 1000,
        random: () => 0.99,
      },
    });
    await failure(slow.getToken(vaultScope));
  });

  it("an authority that echoes the request in its error", async () => {
    const code = mint();
    fixture.authority.injectFault({
      endpoint: "token",
      kind: "entra-error",
      error: "invalid_request",
      errorCode: 900144,
      description: `The request body must contain client_secret ${clientSecret} and code ${code}; got client_secret=${clientSecret}&code=${code}.`,
    });
    await failure(credential(code).getToken(vaultScope));
  });

  it("refused and revoked refresh tokens", async () => {
    const username = `hygiene-${randomUUID()}@contoso.test`;
    fixture.authority.registerUser({ username });
    const code = fixture.mintWebAppCode({ clientId, redirectUri, username });
    issued.push(code);
    const cred = credential(code);
    await cred.getToken(vaultScope);
    fixture.authority.expireRefreshTokens({ username });
    await failure(cred.getToken(storageScope));
    const cae = credential(mint());
    await cae.getToken(vaultScope, { enableCae: true });
    fixture.authority.revokeSessions(defaultUsername);
    await failure(cae.getToken(storageScope, { enableCae: true }));
  });

  it("an abort mid-redemption", async () => {
    fixture.authority.injectFault({ endpoint: "token", kind: "delay", delayMs: 600 });
    const controller = new AbortController();
    const cred = credential(mint());
    const call = failure(cred.getToken(vaultScope, { abortSignal: controller.signal }));
    await waitUntil(() => fixture.authority.listFaults().length === 0, "the redemption arrived");
    controller.abort();
    await call;
    await failure(cred.getToken(vaultScope));
  });
});
