import { describe, expect, it } from "vitest";
import { isTenantRealm } from "../../src/cache/tenant-realm";
import { contoso } from "../helpers/fixtures";

describe("isTenantRealm", () => {
  it("is false for authority paths, true for tenant ids", () => {
    expect(isTenantRealm("organizations")).toBe(false);
    expect(isTenantRealm("Common")).toBe(false);
    expect(isTenantRealm("consumers")).toBe(false);
    expect(isTenantRealm("")).toBe(false);
    expect(isTenantRealm(contoso)).toBe(true);
  });
});
