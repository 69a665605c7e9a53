import { ClientAuthError, InteractionRequiredAuthError, ServerError } from "@azure/msal-node";
import {
  AuthenticationError,
  isAuthenticationError,
  isAuthenticationRequiredError,
  isCredentialUnavailableError,
} from "@entrakit/core";
import type { AttemptRecord, TransportDiagnostics } from "@entrakit/transport";
import { describe, expect, it } from "vitest";
import {
  codeFateOf,
  isNothingCached,
  isStaleRefreshToken,
  refreshRefusal,
  toCredentialError,
} from "../src/msal-errors";

const tokenUrl = "https://login.microsoftonline.com/t/oauth2/v2.0/token";
const post = (fields: Partial<AttemptRecord>): AttemptRecord => ({
  attempt: 1,
  method: "POST",
  url: tokenUrl,
  mayHaveReachedServer: true,
  ...fields,
});
const metadataGet: AttemptRecord = {
  attempt: 1,
  method: "GET",
  url: "https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration",
  status: 200,
  mayHaveReachedServer: true,
};
const diagnostics = (...attempts: AttemptRecord[]): TransportDiagnostics => ({
  attempts,
  errors: [],
});
const context = (extra: Partial<Parameters<typeof toCredentialError>[1]> = {}) => ({
  component: "AuthorizationCodeCredential",
  scopes: ["https://vault.azure.net/.default"],
  diagnostics: diagnostics(),
  sendsCode: true,
  ...extra,
});
const serverError = (code: number, error = "invalid_grant") =>
  new ServerError(
    error,
    "corr-1",
    `AADSTS${code}: something. Trace ID: x`,
    undefined,
    String(code),
  );

describe("codeFateOf: what a failed redemption did to the code", () => {
  it.each([
    ["a 400 answer", [post({ status: 400 })], "answered"],
    ["a 200 MSAL then refused (nonce)", [post({ status: 200 })], "answered"],
    ["a 503 the transport gave up on", [post({ status: 503 })], "maybe_received"],
    ["a timeout after sending", [post({ errorKind: "timeout" })], "maybe_received"],
    [
      "a refused connection",
      [post({ errorKind: "connection_refused", mayHaveReachedServer: false })],
      "not_received",
    ],
    ["only the metadata GET", [metadataGet], "not_received"],
  ] as const)("%s", (_, attempts, fate) => {
    const mapped = toCredentialError(
      new ClientAuthError("network_error", "corr-1"),
      context({ diagnostics: diagnostics(...attempts) }),
    );
    expect(codeFateOf(mapped)).toBe(fate);
  });

  it("an abort after the code may have reached the authority abandons it; before, it did not leave", () => {
    const abortSignal = AbortSignal.abort();
    const sent = toCredentialError(
      new ClientAuthError("network_error", "corr-1"),
      context({
        diagnostics: diagnostics(post({ errorKind: "aborted" })),
        abortSignal,
      }),
    );
    expect(codeFateOf(sent)).toBe("abandoned");
    const notSent = toCredentialError(
      new ClientAuthError("network_error", "corr-1"),
      context({
        diagnostics: diagnostics(metadataGet),
        abortSignal,
      }),
    );
    expect(codeFateOf(notSent)).toBe("not_received");
  });

  it("without transport diagnostics (a custom network module), MSAL's error decides", () => {
    expect(codeFateOf(toCredentialError(serverError(70008), context()))).toBe("answered");
    expect(
      codeFateOf(
        toCredentialError(
          new InteractionRequiredAuthError("interaction_required", "corr-1"),
          context(),
        ),
      ),
    ).toBe("answered");
    expect(
      codeFateOf(toCredentialError(serverError(50000, "temporarily_unavailable"), context())),
    ).toBe("not_received");
    expect(
      codeFateOf(toCredentialError(new ClientAuthError("network_error", "corr-1"), context())),
    ).toBe("not_received");
  });

  it("errors of calls that sent no code carry no fate", () => {
    expect(codeFateOf(toCredentialError(serverError(70008), context({ sendsCode: false })))).toBe(
      "not_received",
    );
    expect(codeFateOf(new Error("x"))).toBe("not_received");
  });
});

describe("toCredentialError: AADSTS54005 and 70008 on a redemption", () => {
  it("54005 after one send: redeemed elsewhere", () => {
    const mapped = toCredentialError(
      serverError(54005),
      context({ diagnostics: diagnostics(metadataGet, post({ status: 400 })) }),
    );
    expect(isAuthenticationError(mapped) && mapped.code).toBe("code_already_redeemed");
    expect(mapped.message).toMatch(/by another process or an earlier run/);
  });

  it("54005 after a retry, or after an earlier call's attempt may have arrived: a lost attempt", () => {
    const retried = toCredentialError(
      serverError(54005),
      context({
        diagnostics: diagnostics(post({ errorKind: "timeout" }), post({ attempt: 2, status: 400 })),
      }),
    );
    expect(retried.message).toMatch(/earlier attempt whose answer was lost/);
    const earlier = toCredentialError(
      serverError(54005),
      context({
        diagnostics: diagnostics(post({ status: 400 })),
        codeMayHaveBeenReceived: true,
      }),
    );
    expect(earlier.message).toMatch(/earlier attempt whose answer was lost/);
  });

  it("70008 on a redemption is code_expired; on a refresh it stays the authority's error", () => {
    expect((toCredentialError(serverError(70008), context()) as AuthenticationError).code).toBe(
      "code_expired",
    );
    expect(
      (toCredentialError(serverError(70008), context({ sendsCode: false })) as AuthenticationError)
        .code,
    ).toBe("invalid_grant");
  });

  it("MSAL's 'nothing cached' answers become an internal signal", () => {
    const mapped = toCredentialError(
      new ClientAuthError("no_tokens_found", "corr-1"),
      context({ sendsCode: false }),
    );
    expect(isCredentialUnavailableError(mapped)).toBe(true);
    expect(isNothingCached(mapped)).toBe(true);
    expect(isNothingCached(new Error("x"))).toBe(false);
  });

  it("the transport's own error replaces MSAL's bare network_error", () => {
    const transportError = new AuthenticationError(0, undefined, {
      code: "timeout",
      message: "T: timed out",
    });
    const mapped = toCredentialError(
      new ClientAuthError("network_error", "corr-1"),
      context({
        diagnostics: { attempts: [post({ errorKind: "timeout" })], errors: [transportError] },
      }),
    );
    expect(mapped).toBe(transportError);
  });

  it("scrub removes the credential's own secrets from what the authority said", () => {
    const secret = "Zq8~very-secret-value";
    const error = new ServerError(
      "invalid_request",
      "c",
      `AADSTS900144: client_secret ${secret} and code 0.ABC-code-value are wrong`,
    );
    const scrub = (text: string) =>
      text.replaceAll(secret, "[redacted]").replaceAll("0.ABC-code-value", "[redacted]");
    const mapped = toCredentialError(error, context({ scrub }));
    const everything = JSON.stringify({
      message: mapped.message,
      cause: String(mapped.cause),
      response: (mapped as AuthenticationError).errorResponse,
    });
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain("0.ABC-code-value");
    expect(error.message).toContain(secret); // the original is left alone
  });
});

describe("refresh token refusals", () => {
  const refused = (code: number) =>
    toCredentialError(serverError(code), context({ sendsCode: false }));

  it("a rotated or expired refresh token may be stale; a revoked session is not", () => {
    expect(isStaleRefreshToken(refused(70000))).toBe(true);
    expect(isStaleRefreshToken(refused(70008))).toBe(true);
    expect(isStaleRefreshToken(refused(50173))).toBe(false);
    expect(isStaleRefreshToken(new Error("x"))).toBe(false);
  });

  it("refreshRefusal turns invalid_grant into AuthenticationRequiredError, keeping the AADSTS code", () => {
    const where = { component: "AuthorizationCodeCredential", scopes: ["s"], getTokenOptions: {} };
    const expired = refreshRefusal(refused(70008), where);
    expect(isAuthenticationRequiredError(expired) && expired.code).toBe("refresh_token_expired");
    expect((expired as Error).message).toContain("AADSTS70008");
    expect((expired as Error).message).toContain("corr-1");
    const revoked = refreshRefusal(refused(50173), where);
    expect(isAuthenticationRequiredError(revoked) && revoked.code).toBe("authentication_required");
    const other = new Error("x");
    expect(refreshRefusal(other, where)).toBe(other);
  });
});
