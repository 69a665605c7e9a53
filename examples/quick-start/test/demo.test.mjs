// Runs the quick-start demo as a person would (`npm start` runs this file after the build) and
// checks every step happened, with the wire traffic each step claims.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const main = fileURLToPath(new URL("../src/main.mjs", import.meta.url));

describe("the quick-start demo", () => {
  it("signs in once, redeems the code once, and a second process gets tokens from the shared cache", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [main], { timeout: 60_000 });
    for (const step of ["1.", "2.", "3.", "4.", "5.", "6.", "7."]) {
      expect(stdout).toMatch(new RegExp(`^${step.replace(".", "\\.")} `, "m"));
    }
    expect(stdout.match(/grant_type=authorization_code -> 200/g)).toHaveLength(1);
    expect(stdout).toContain("accounts in the shared cache: alice@contoso.test");
    expect(stdout).toContain("aud=https://management.azure.com");
    // Step 4 promises nothing on the wire: no wire line between its heading and step 5.
    expect(stdout).toMatch(/^4\. .*\n5\. /m);
  });
});
