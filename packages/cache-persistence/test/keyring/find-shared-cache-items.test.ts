import { chmod, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@entrakit/testkit";
import { describe, expect, it } from "vitest";
import { findSharedCacheItems } from "../../src/index";

const service = "Microsoft.Developer.IdentityService";

/** An item as `secret-tool search --all` prints it. */
function printed(label: string, schema: string, attributes: Record<string, string>): string {
  return [
    "[/org/freedesktop/secrets/collection/login/1]",
    `label = ${label}`,
    "secret = {}",
    "created = 2026-11-25 12:06:01",
    "modified = 2026-11-25 12:06:01",
    `schema = ${schema}`,
    ...Object.entries(attributes).map(([k, v]) => `attribute.${k} = ${v}`),
    "",
  ].join("\n");
}

/**
 * A stand-in secret-tool: logs each command line, and answers a search by schema with the
 * Python and .NET items and a search by keytar's attributes with keytar's item.
 */
async function fakeSecretTool(directory: string, name: string) {
  const log = join(directory, "calls.log");
  const schemaItems =
    printed("py", name, { MsalClientID: service }) +
    printed("MSAL Persistent Token Cache", name, { MsalClientID: service, [service]: "1.0.0.0" }) +
    // Same schema, but not exactly either layout: never reported.
    printed("other", name, { MsalClientID: service, extra: "x" });
  const keytarItem = printed(`${service}/MSALCache`, "org.freedesktop.Secret.Generic", {
    service,
    account: "MSALCache",
  });
  await writeFile(join(directory, "schema.out"), schemaItems);
  await writeFile(join(directory, "keytar.out"), keytarItem);
  const program = join(directory, "secret-tool");
  await writeFile(
    program,
    `#!/bin/sh
echo "$*" >> '${log}'
case "$*" in
  *"xdg:schema ${name}"*) cat '${join(directory, "schema.out")}' ;;
  *"service ${service}"*) cat '${join(directory, "keytar.out")}' ;;
esac
`,
  );
  await chmod(program, 0o755);
  const calls = async () => (await readFile(log, "utf8")).trim().split("\n");
  return { program, calls };
}

describe.skipIf(process.platform === "win32")("findSharedCacheItems", () => {
  it("finds all three layouts with two secret-tool searches, not one per layout", async () => {
    await using directory = await tempDir();
    const tool = await fakeSecretTool(directory.path, "msal.cache");
    const found = await findSharedCacheItems({
      name: "msal.cache",
      platform: "linux",
      secretToolPath: tool.program,
    });
    expect(found.map((item) => [item.shape, item.label])).toEqual([
      ["dotnet", "MSAL Persistent Token Cache"],
      ["python", "py"],
      ["msal-node", `${service}/MSALCache`],
    ]);
    const calls = await tool.calls();
    expect(calls).toHaveLength(2);
    expect(calls.sort()).toEqual([
      `search --all --unlock xdg:schema msal.cache MsalClientID ${service}`,
      `search --all --unlock xdg:schema org.freedesktop.Secret.Generic service ${service} account MSALCache`,
    ]);
  });

  it("reports nothing when no item has exactly a known layout", async () => {
    await using directory = await tempDir();
    const tool = await fakeSecretTool(directory.path, "other.cache");
    const found = await findSharedCacheItems({
      name: "msal.cache.cae",
      platform: "linux",
      secretToolPath: tool.program,
    });
    expect(found).toEqual([]);
    expect(await tool.calls()).toHaveLength(2);
  });
});
