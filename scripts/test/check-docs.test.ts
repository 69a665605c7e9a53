// Generates the API reference as `npm run docs` does (same typedoc.json), into a temporary
// directory, and checks the pages a reader looks for first.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../lib/run.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const minutes = 60_000;

let out: string;
let result: Awaited<ReturnType<typeof run>>;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "entrakit-docs-test-"));
  result = await run(process.execPath, [join(root, "scripts", "check-docs.mjs"), "--out", out], {
    cwd: root,
  });
}, 10 * minutes);
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

const page = (path: string) => join(out, "api", path);

describe("API reference", () => {
  it("is generated with no problem the check knows of", () => {
    expect(result.out).toMatch(/check-docs: \d+ packages and \d+ exported names documented/);
    expect(result.ok, result.out).toBe(true);
  });

  it("has a page for every public package, titled with its name", () => {
    const publicNames = readdirSync(join(root, "packages"))
      .map((dir) => join(root, "packages", dir, "package.json"))
      .filter((path) => existsSync(path))
      .map((path) => JSON.parse(readFileSync(path, "utf8")))
      .filter((manifest) => !manifest.private)
      .map((manifest) => manifest.name as string);
    expect(publicNames.length).toBeGreaterThan(0);
    for (const name of publicNames) {
      const file = page(`modules/${name.replace("@", "_").replace("/", "_")}.html`);
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, "utf8")).toContain(name);
    }
  });

  it("documents the two credentials and the errors they throw, where users import them", () => {
    const expected = [
      "classes/_entrakit_auth-code.AuthorizationCodeCredential.html",
      "interfaces/_entrakit_auth-code.AuthorizationCodeCredentialOptions.html",
      "classes/_entrakit_shared-cache.SharedTokenCacheCredential.html",
      "interfaces/_entrakit_shared-cache.SharedTokenCacheCredentialOptions.html",
      "classes/_entrakit_identity.AuthorizationCodeCredential.html",
      "classes/_entrakit_identity.SharedTokenCacheCredential.html",
      "classes/_entrakit_core.AuthenticationError.html",
      "classes/_entrakit_core.CredentialUnavailableError.html",
      "classes/_entrakit_core.AuthenticationRequiredError.html",
    ];
    for (const path of expected) expect(existsSync(page(path)), path).toBe(true);
    const credential = readFileSync(
      page("classes/_entrakit_auth-code.AuthorizationCodeCredential.html"),
      "utf8",
    );
    expect(credential).toContain("getToken");
  });
});
