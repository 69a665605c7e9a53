import { describe, expect, test } from "vitest";
import { ServiceProcess } from "../../src/services/service-process.js";

const env = { PATH: process.env.PATH ?? "" };
const node = process.execPath;

/** A running process that ignores SIGTERM, as a hung daemon would. */
async function startStubborn(): Promise<ServiceProcess> {
  const child = new ServiceProcess(
    node,
    ["-e", "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000);"],
    env,
    process.cwd(),
  );
  await child.firstStdoutLine();
  return child;
}

describe("ServiceProcess", () => {
  test("reads the first stdout line and stops a running process", async () => {
    const child = new ServiceProcess(
      node,
      ["-e", "console.log('address=here'); setInterval(() => {}, 1000);"],
      env,
      process.cwd(),
    );
    await expect(child.firstStdoutLine()).resolves.toBe("address=here");
    expect(child.running).toBe(true);
    await child.stop();
    expect(child.running).toBe(false);
    expect(child.describeExit()).toBe("was killed by SIGTERM");
    await expect(child.stop()).resolves.toBeUndefined();
  });

  test("reports how a failing process ended, with its output", async () => {
    const child = new ServiceProcess(
      node,
      ["-e", "console.error('bind: Address already in use'); process.exit(3);"],
      env,
      process.cwd(),
    );
    await expect(child.firstStdoutLine()).resolves.toBeUndefined();
    await child.exited;
    expect(child.describeExit()).toBe("exited with code 3");
    expect(child.output).toContain("Address already in use");
  });

  test("a missing binary fails to start with ENOENT instead of crashing", async () => {
    const child = new ServiceProcess("entrakit-no-such-binary", [], env, process.cwd());
    const exit = await child.exited;
    expect(exit.error).toBeDefined();
    expect(child.describeExit()).toBe("failed to start (ENOENT)");
  });

  test("SIGKILL follows when SIGTERM is ignored past the grace period", async () => {
    const child = await startStubborn();
    await child.stop(20);
    expect(child.describeExit()).toBe("was killed by SIGKILL");
  });

  test("kill() ends a process at once with SIGKILL, even one that ignores SIGTERM", async () => {
    const child = await startStubborn();
    await child.kill();
    expect(child.running).toBe(false);
    expect(child.describeExit()).toBe("was killed by SIGKILL");
    await expect(child.kill()).resolves.toBeUndefined();
  });
});
