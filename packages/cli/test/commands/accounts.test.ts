import { describe, expect, it } from "vitest";
import { formatTable } from "../../src/commands/accounts";

describe("formatTable", () => {
  it("aligns username, tenant (with guest tenants) and cloud", () => {
    const table = formatTable([
      {
        username: "alice@contoso.test",
        homeAccountId: "a.t1",
        homeTenantId: "t1",
        tenantIds: ["t1", "t2"],
        cloud: "login.microsoftonline.com",
      },
      {
        username: "bo@contoso.test",
        homeAccountId: "b.t1",
        homeTenantId: "t1",
        tenantIds: ["t1"],
        cloud: "127.0.0.1:8443",
      },
    ]);
    expect(table.split("\n")).toEqual([
      "USERNAME            TENANT            CLOUD",
      "alice@contoso.test  t1 (guest in t2)  login.microsoftonline.com",
      "bo@contoso.test     t1                127.0.0.1:8443",
    ]);
  });
});
