// Runs the built CLI (dist/cli.js): `turbo run test` builds first.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "./helpers/https-client.js";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const run = promisify(execFile);
let directory: string;

beforeAll(async () => {
  if (!existsSync(cli))
    throw new Error("dist/cli.js is missing: run the package build before its tests.");
  directory = await mkdtemp(join(tmpdir(), "entrakit-cli-"));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) resolve(output);
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

describe("entrakit-dev-authority", () => {
  it("starts, prints URL and CA file, serves over TLS, and stops on SIGINT", async () => {
    const caFile = join(directory, "ca.pem");
    const child = spawn(process.execPath, [cli, "--ca-file", caFile], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = await waitForOutput(child, /Press Ctrl\+C to stop\./);
    const url = /listening on (https:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(output).toContain(`CA certificate:  ${caFile}`);
    expect(output).toContain(`NODE_EXTRA_CA_CERTS=${caFile}`);
    const ca = await readFile(caFile, "utf8");
    const response = await request(`${url}/common/v2.0/.well-known/openid-configuration`, { ca });
    expect(response.status).toBe(200);

    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const stopped = waitForOutput(child, /stopped/);
    child.kill("SIGINT");
    await stopped;
    expect(await exited).toBe(0);
  });

  it("prints help, and fails with a message for bad arguments", async () => {
    const help = await run(process.execPath, [cli, "--help"]);
    expect(help.stdout).toContain("Usage: entrakit-dev-authority");
    await expect(run(process.execPath, [cli, "--tls-cert", "x.pem"])).rejects.toMatchObject({
      code: 1,
      stderr: "entrakit-dev-authority: --tls-cert and --tls-key go together.\n",
    });
    await expect(run(process.execPath, [cli, "--port", "99999"])).rejects.toMatchObject({
      code: 1,
    });
  });
});
