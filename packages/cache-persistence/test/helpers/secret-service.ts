// A private Secret Service for tests: a D-Bus session daemon with no service activation (so
// nothing on the machine is started behind our back) and, optionally, gnome-keyring unlocked
// with a throwaway password. Everything lives under a temp HOME. (testkit's startSecretService()
// can replace this.)
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A running private session bus, with or without a keyring. */
export interface SecretService {
  /** The environment a child needs: PATH, HOME, XDG_* and DBUS_SESSION_BUS_ADDRESS. */
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
  stop(): Promise<void>;
}

/** Starts the bus (and gnome-keyring unless `keyring` is false). */
export async function startSecretService(
  options: { keyring?: boolean } = {},
): Promise<SecretService> {
  const home = await mkdtemp(join(tmpdir(), "entrakit-ss-"));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_RUNTIME_DIR: join(home, "run"),
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
  };
  await mkdir(join(home, "run"), { mode: 0o700 });
  const config = join(home, "bus.conf");
  await writeFile(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${join(home, "bus")}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`,
  );
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
    }
    await rm(home, { recursive: true, force: true });
  };
  try {
    const bus = spawn(
      "dbus-daemon",
      [`--config-file=${config}`, "--nofork", "--nopidfile", "--print-address=1"],
      {
        env,
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    children.push(bus);
    const address = await new Promise<string>((resolve, reject) => {
      bus.stdout?.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
      bus.once("exit", (code) => reject(new Error(`dbus-daemon exited with ${code}`)));
    });
    env.DBUS_SESSION_BUS_ADDRESS = address;
    if (options.keyring !== false) {
      const keyring = spawn(
        "gnome-keyring-daemon",
        ["--foreground", "--unlock", "--components=secrets"],
        {
          env,
          stdio: ["pipe", "ignore", "ignore"],
        },
      );
      children.push(keyring);
      keyring.stdin?.end("throwaway-test-password");
      await waitUntilAnswering(env);
    }
    return { env, home, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitUntilAnswering(env: NodeJS.ProcessEnv): Promise<void> {
  // gnome-keyring prints nothing when ready; ask the service until it answers (bounded).
  for (let attempt = 0; attempt < 250; attempt++) {
    const probe = spawnSync("secret-tool", ["search", "--all", "entrakit-probe", "1"], { env });
    if (probe.status === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("gnome-keyring did not start answering on the private bus");
}

/** Runs secret-tool on the private bus; `output` joins stdout and stderr (attributes go to stderr). */
export function secretTool(
  service: SecretService,
  args: string[],
  input?: string,
): { status: number | null; output: string } {
  const result = spawnSync(
    "/bin/sh",
    ["-c", 'exec secret-tool "$@" 2>&1', "secret-tool", ...args],
    { env: service.env, input: input ?? "" },
  );
  return { status: result.status, output: result.stdout.toString() };
}
