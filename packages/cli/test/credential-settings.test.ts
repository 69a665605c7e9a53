import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isInvalidArgumentError } from "@entrakit/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isCliError } from "../src/cli-error";
import { createCommandContext } from "../src/command-context";
import { type CommandOptions, parseCommandLine } from "../src/command-line";
import { credentialBaseOptions, resolveCredentialSettings } from "../src/credential-settings";

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "entrakit-cli-"));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

const context = (env: Record<string, string> = {}) =>
  createCommandContext("token", {
    stdout: { write: () => {} },
    stderr: { write: () => {} },
    env,
    cwd: directory,
  });
const options = (...argv: string[]) =>
  (parseCommandLine(["token", "--scope", "s", ...argv]) as { options: CommandOptions }).options;

describe("resolveCredentialSettings", () => {
  it("defaults to the public cloud (or AZURE_AUTHORITY_HOST) and the developer sign-on client", async () => {
    const settings = await resolveCredentialSettings(options(), context());
    expect(settings).toMatchObject({
      authorityHost: "https://login.microsoftonline.com",
      clientId: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
      cacheDirectory: undefined,
      dev: false,
      ca: undefined,
    });
    const sovereign = await resolveCredentialSettings(
      options(),
      context({ AZURE_AUTHORITY_HOST: "login.microsoftonline.us" }),
    );
    expect(sovereign.authorityHost).toBe("https://login.microsoftonline.us");
  });

  it("with --dev, looks at 127.0.0.1 and skips instance discovery; reads the CA and resolves relative paths", async () => {
    await writeFile(join(directory, "ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    const settings = await resolveCredentialSettings(
      options("--dev", "--ca-file", "ca.pem", "--cache-dir", "c"),
      context(),
    );
    expect(settings).toMatchObject({
      authorityHost: "https://127.0.0.1",
      dev: true,
      cacheDirectory: join(directory, "c"),
    });
    expect(credentialBaseOptions(settings)).toMatchObject({
      authorityHost: "https://127.0.0.1",
      disableInstanceDiscovery: true,
      transportOptions: { ca: "-----BEGIN CERTIFICATE-----\n" },
    });
  });

  it("rejects a malformed tenant or authority, and an unreadable CA file, as usage errors", async () => {
    await expect(
      resolveCredentialSettings(options("--tenant", "a/b"), context()),
    ).rejects.toSatisfy(isInvalidArgumentError);
    await expect(
      resolveCredentialSettings(options("--authority", "http://evil.test"), context()),
    ).rejects.toSatisfy(isInvalidArgumentError);
    const error = await resolveCredentialSettings(
      options("--ca-file", "missing.pem"),
      context(),
    ).catch((e: unknown) => e);
    expect(isCliError(error) && [error.code, error.exitCode]).toEqual(["unreadable_file", 1]);
    expect((error as Error).message).toContain(
      `${join(directory, "missing.pem")} cannot be read (ENOENT)`,
    );
  });
});
