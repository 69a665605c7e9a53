import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { authorityUrl, checkTenantId, InvalidArgumentError } from "../src/index.js";

function errorOf(value: unknown, option?: string): InvalidArgumentError | undefined {
  try {
    checkTenantId(value, option);
    return undefined;
  } catch (error) {
    return error as InvalidArgumentError;
  }
}

describe("checkTenantId", () => {
  it.each([
    "72f988bf-86f1-41af-91ab-2d7cd011db47",
    "72F988BF-86F1-41AF-91AB-2D7CD011DB47",
    "contoso.onmicrosoft.com",
    "contoso.com",
    "common",
    "organizations",
    "consumers",
    "adfs",
  ])("accepts %s", (tenant) => {
    expect(errorOf(tenant)).toBeUndefined();
  });

  it.each([
    ["a parent path", "../evil"],
    ["only dots", ".."],
    ["a single dot", "."],
    ["a slash", "contoso/oauth2"],
    ["a query", "contoso?x=1"],
    ["a fragment", "contoso#x"],
    ["a space", "con toso"],
    ["a newline", "contoso\n"],
    ["a percent escape", "%2e%2e"],
    ["a host with port", "evil.example:443"],
    ["a backslash", "a\\b"],
    ["the empty string", ""],
    ["a non-ASCII letter", "cöntoso"],
  ])("rejects %s with invalid_tenant_id", (_, tenant) => {
    const error = errorOf(tenant);

    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error?.code).toBe("invalid_tenant_id");
    expect(error?.message).toMatch(/^Tenant: tenantId /);
  });

  it.each([undefined, null, 42, {}, ["common"]])("rejects the non-string %j", (value) => {
    const error = errorOf(value, "options.tenantId");

    expect(error?.code).toBe("invalid_tenant_id");
    expect(error?.message).toContain(`options.tenantId ${typeof value}`);
  });

  it("names the option and shows at most 80 characters of the input", () => {
    const error = errorOf(`${"a".repeat(200)}/`, "additionallyAllowedTenants");

    expect(error?.message).toContain("additionallyAllowedTenants");
    expect(error?.message).not.toContain("a".repeat(81));
  });
});

describe("checkTenantId: properties", () => {
  const label = fc
    .string({
      unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"),
      minLength: 1,
      maxLength: 20,
    })
    .filter((l) => /[0-9A-Za-z]/.test(l));
  const tenant = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join("."));

  it("accepts every GUID and every dotted name of letters, digits and hyphens", () => {
    fc.assert(
      fc.property(fc.oneof(fc.uuid(), tenant), (value) => {
        expect(errorOf(value)).toBeUndefined();
      }),
    );
  });

  it("rejects any string holding a character outside letters, digits, '-' and '.'", () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string(), (before, bad, after) => {
        fc.pre(/[^0-9A-Za-z.-]/.test(bad));
        expect(errorOf(`${before}${bad}${after}`)?.code).toBe("invalid_tenant_id");
      }),
    );
  });

  it("never lets an accepted tenant change the authority URL's host or climb out of the path", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."a1.-/?#%\\@: ") }), (value) => {
        fc.pre(errorOf(value) === undefined);
        const url = new URL(
          `${authorityUrl("https://login.microsoftonline.com", value)}/oauth2/v2.0/token`,
        );
        expect(url.host).toBe("login.microsoftonline.com");
        expect(url.pathname).toBe(`/${value}/oauth2/v2.0/token`);
      }),
    );
  });
});
