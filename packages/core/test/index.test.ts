import { describe, expect, it } from "vitest";
import * as core from "../src/index.js";

describe("the public entry point", () => {
  it("exports the documented runtime API", () => {
    expect(Object.keys(core)).toEqual(
      expect.arrayContaining([
        "AuthenticationError",
        "AuthenticationRequiredError",
        "CredentialUnavailableError",
        "InvalidArgumentError",
        "isAuthenticationError",
        "isAuthenticationRequiredError",
        "isCredentialUnavailableError",
        "isInvalidArgumentError",
        "isEntrakitError",
        "entrakitErrorMarker",
        "parseEntraErrorResponse",
        "aadstsCode",
        "redact",
        "redactUrl",
        "createRedactor",
        "redactedPlaceholder",
        "createPackageLogger",
        "formatLogLine",
        "coreLogger",
        "systemClock",
        "TokenCredentialBase",
        "SingleFlight",
        "checkTenantId",
        "checkScopes",
        "resourceOfScope",
        "normalizeAuthorityHost",
        "authorityUrl",
        "AzureAuthorityHosts",
        "aliasesOfHost",
        "resolveTenantId",
        "isMultiTenantDisabled",
        "computeRefreshAfter",
        "refreshDueAt",
      ]),
    );
  });

  it("has no default export", () => {
    expect("default" in core).toBe(false);
  });
});
