import { AuthenticationError, isAuthenticationRequiredError } from "@entrakit/core";
import { describe, expect, it } from "vitest";
import { isRefusedGrant, toCredentialError } from "../src/msal-errors";
import { msalServerError } from "./helpers/fake-msal-app";

const context = (errors: Error[] = []) => ({
  component: "SharedTokenCacheCredential",
  scopes: ["https://vault.azure.net/.default"],
  diagnostics: { attempts: [], errors },
  secrets: [],
});

describe("toCredentialError", () => {
  it.each([
    [70008, "refresh_token_expired"],
    [70043, "refresh_token_expired"],
    [50173, "refresh_token_revoked"],
  ])("invalid_grant AADSTS%i is AuthenticationRequiredError %s", (code, expected) => {
    const error = toCredentialError(
      msalServerError("invalid_grant", `AADSTS${code}: gone.\r\nTrace ID: x`),
      context(),
    );
    expect(isAuthenticationRequiredError(error)).toBe(true);
    expect(error).toMatchObject({ code: expected, scopes: ["https://vault.azure.net/.default"] });
    expect(error.message).toContain(`AADSTS${code}`);
    expect(error.message).toContain("Sign in again");
    expect(error.message).toContain("the shared cache was left as it was");
  });

  it("interaction_required is AuthenticationRequiredError", () => {
    const error = toCredentialError(
      Object.assign(msalServerError("interaction_required", "AADSTS50076: MFA required."), {
        name: "InteractionRequiredAuthError",
      }),
      context(),
    );
    expect(error).toMatchObject({
      name: "AuthenticationRequiredError",
      code: "interaction_required",
    });
    expect(error.message).toContain("AADSTS50076");
  });

  it("another invalid_grant is an AuthenticationError naming the code and telling to sign in again", () => {
    const error = toCredentialError(
      msalServerError("invalid_grant", "AADSTS70000: The grant is invalid."),
      context(),
    );
    expect(error).toMatchObject({ name: "AuthenticationError", code: "invalid_grant" });
    expect(error.message).toContain("AADSTS70000");
    expect(error.message).toContain("Sign in again");
  });

  it("a network failure surfaces the transport's own error", () => {
    const transport = new AuthenticationError(0, undefined, {
      code: "network_error",
      message: "Transport: refused",
    });
    expect(toCredentialError(msalServerError("network_error", "x"), context([transport]))).toBe(
      transport,
    );
  });
});

describe("isRefusedGrant", () => {
  it("is true for refusals of the token itself, false for outages and throttling", () => {
    expect(
      isRefusedGrant(
        toCredentialError(msalServerError("invalid_grant", "AADSTS70008: x"), context()),
      ),
    ).toBe(true);
    expect(
      isRefusedGrant(
        new AuthenticationError(400, { error: "invalid_grant", errorDescription: "" }),
      ),
    ).toBe(true);
    expect(
      isRefusedGrant(
        new AuthenticationError(400, { error: "invalid_client", errorDescription: "" }),
      ),
    ).toBe(false);
    expect(
      isRefusedGrant(
        new AuthenticationError(429, { error: "invalid_grant", errorDescription: "" }),
      ),
    ).toBe(false);
    expect(isRefusedGrant(new AuthenticationError(0, undefined, { code: "network_error" }))).toBe(
      false,
    );
    expect(isRefusedGrant(new Error("x"))).toBe(false);
  });
});
