import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSecretToolSearch } from "../../src/keyring/secret-tool";

const sample = `[/1]
label = py
secret = {
    "AccessToken": {}
}
created = 2026-11-25 12:06:01
modified = 2026-11-25 12:06:01
schema = msal.cache
attribute.MsalClientID = Microsoft.Developer.IdentityService
[/2]
label = MSAL Persistent Token Cache
secret = DOTNET
created = 2026-11-25 12:06:01
modified = 2026-11-25 12:06:02
schema = msal.cache
attribute.MsalClientID = Microsoft.Developer.IdentityService
attribute.Microsoft.Developer.IdentityService = 1.0.0.0
`;

describe("parseSecretToolSearch", () => {
  it("reads items with multi-line secrets and their exact attributes", () => {
    expect(parseSecretToolSearch(sample)).toEqual([
      {
        label: "py",
        secret: '{\n    "AccessToken": {}\n}',
        attributes: {
          "xdg:schema": "msal.cache",
          MsalClientID: "Microsoft.Developer.IdentityService",
        },
      },
      {
        label: "MSAL Persistent Token Cache",
        secret: "DOTNET",
        attributes: {
          "xdg:schema": "msal.cache",
          MsalClientID: "Microsoft.Developer.IdentityService",
          "Microsoft.Developer.IdentityService": "1.0.0.0",
        },
      },
    ]);
  });

  it("returns nothing for empty output", () => {
    expect(parseSecretToolSearch("")).toEqual([]);
  });

  it("round-trips any JSON secret, pretty-printed or not (property)", () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.boolean(),
        fc.string({ minLength: 1 }).filter((s) => !s.includes("\n")),
        (value, pretty, label) => {
          const secret = JSON.stringify(value, null, pretty ? 4 : undefined) ?? "null";
          const output = `[/7]\nlabel = ${label}\nsecret = ${secret}\ncreated = 2026-01-01 00:00:00\nmodified = 2026-01-01 00:00:00\nschema = s\nattribute.a = b\n`;
          expect(parseSecretToolSearch(output)).toEqual([
            { label, secret, attributes: { "xdg:schema": "s", a: "b" } },
          ]);
        },
      ),
    );
  });

  it("never throws on arbitrary output (property)", () => {
    fc.assert(fc.property(fc.string(), (text) => void parseSecretToolSearch(text)));
  });
});
