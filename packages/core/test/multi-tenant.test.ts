import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  InvalidArgumentError,
  isMultiTenantDisabled,
  resolveTenantId,
  type TenantResolution,
} from "../src/index.js";

const base: TenantResolution = {
  defaultTenantId: "tenant-a",
  requestedTenantId: undefined,
  additionallyAllowedTenants: [],
  component: "AuthorizationCodeCredential",
};

function errorOf(resolution: Partial<TenantResolution>): InvalidArgumentError | undefined {
  try {
    resolveTenantId({ ...base, ...resolution });
    return undefined;
  } catch (error) {
    return error as InvalidArgumentError;
  }
}

describe("resolveTenantId", () => {
  it("uses the credential's tenant when none is requested or the same one is", () => {
    expect(resolveTenantId(base)).toBe("tenant-a");
    expect(resolveTenantId({ ...base, requestedTenantId: "tenant-a" })).toBe("tenant-a");
  });

  it("uses a listed tenant, or any tenant with '*'", () => {
    expect(
      resolveTenantId({
        ...base,
        requestedTenantId: "tenant-b",
        additionallyAllowedTenants: ["tenant-b"],
      }),
    ).toBe("tenant-b");
    expect(
      resolveTenantId({
        ...base,
        requestedTenantId: "tenant-z",
        additionallyAllowedTenants: ["*"],
      }),
    ).toBe("tenant-z");
  });

  it("refuses an unlisted tenant with a message naming additionallyAllowedTenants", () => {
    const error = errorOf({
      requestedTenantId: "tenant-c",
      additionallyAllowedTenants: ["tenant-b"],
    });

    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error?.code).toBe("tenant_not_allowed");
    expect(error?.message).toMatch(
      /^AuthorizationCodeCredential: .*"tenant-c".*additionallyAllowedTenants/,
    );
  });

  it.each(["true", "TRUE", " true ", "1"])(
    "returns the credential's tenant when AZURE_IDENTITY_DISABLE_MULTITENANTAUTH=%j",
    (value) => {
      expect(
        resolveTenantId({
          ...base,
          requestedTenantId: "tenant-c",
          env: { AZURE_IDENTITY_DISABLE_MULTITENANTAUTH: value },
        }),
      ).toBe("tenant-a");
    },
  );

  it("refuses a malformed requested tenant even when '*' is allowed", () => {
    const error = errorOf({ requestedTenantId: "evil/../x", additionallyAllowedTenants: ["*"] });

    expect(error?.code).toBe("invalid_tenant_id");
    expect(error?.message).toContain("options.tenantId");
  });

  it("refuses a tenant override for ADFS", () => {
    expect(
      errorOf({
        defaultTenantId: "adfs",
        requestedTenantId: "x",
        additionallyAllowedTenants: ["*"],
      })?.code,
    ).toBe("tenant_not_allowed");
  });

  it("returns the requested tenant only when it is the default, listed, or '*' is listed", () => {
    const tenant = fc.constantFrom("tenant-a", "tenant-b", "tenant-c", "contoso.com");
    fc.assert(
      fc.property(
        tenant,
        fc.option(tenant, { nil: undefined }),
        fc.subarray(["tenant-b", "contoso.com", "*"]),
        (def, requested, allowed) => {
          const error = errorOf({
            defaultTenantId: def,
            requestedTenantId: requested,
            additionallyAllowedTenants: allowed,
          });
          const mayUse =
            requested === undefined ||
            requested === def ||
            allowed.includes("*") ||
            allowed.includes(requested);
          if (mayUse) {
            expect(error).toBeUndefined();
            expect(
              resolveTenantId({
                ...base,
                defaultTenantId: def,
                requestedTenantId: requested,
                additionallyAllowedTenants: allowed,
              }),
            ).toBe(requested ?? def);
          } else {
            expect(error?.code).toBe("tenant_not_allowed");
          }
        },
      ),
    );
  });
});

describe("isMultiTenantDisabled", () => {
  it("is off for an absent, empty or false value", () => {
    expect(isMultiTenantDisabled()).toBe(false);
    expect(isMultiTenantDisabled({ AZURE_IDENTITY_DISABLE_MULTITENANTAUTH: "" })).toBe(false);
    expect(isMultiTenantDisabled({ AZURE_IDENTITY_DISABLE_MULTITENANTAUTH: "false" })).toBe(false);
  });
});
