import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { TestkitError } from "../testkit-error.js";
import { ServiceProcess } from "./service-process.js";

const run = promisify(execFile);

// No <servicedir>: the bus must never auto-start a daemon (a second gnome-keyring, a portal)
// with an environment testkit did not choose.
function busConfig(socketDir: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${socketDir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

/** A private D-Bus session bus: its daemon and its address. */
export interface DbusSession {
  readonly address: string;
  readonly daemon: ServiceProcess;
}

/** Starts `dbus-daemon` with a private config and reads the address it prints. */
export async function startDbusSession(
  workDir: string,
  socketDir: string,
  env: NodeJS.ProcessEnv,
): Promise<DbusSession> {
  const configFile = join(workDir, "session-bus.conf");
  await writeFile(configFile, busConfig(socketDir), { mode: 0o600 });
  const daemon = new ServiceProcess(
    "dbus-daemon",
    [`--config-file=${configFile}`, "--nofork", "--nopidfile", "--print-address=1"],
    env,
    workDir,
  );
  const address = await daemon.firstStdoutLine();
  if (address === undefined || address === "") {
    await daemon.stop();
    throw new TestkitError(
      `startSecretService: dbus-daemon ${daemon.describeExit()} before printing its address${daemon.output ? ` (output: ${daemon.output.slice(-600)})` : ""}. Run dbus-daemon --session --print-address by hand to see why.`,
      "service_start_failed",
    );
  }
  return { address, daemon };
}

/**
 * The object path of the Secret Service's default collection, or `undefined` while the service
 * is not on the bus or has no default collection yet.
 */
export async function readDefaultCollection(
  address: string,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  try {
    const { stdout } = await run(
      "dbus-send",
      [
        `--bus=${address}`,
        "--print-reply",
        "--dest=org.freedesktop.secrets",
        "/org/freedesktop/secrets",
        "org.freedesktop.Secret.Service.ReadAlias",
        "string:default",
      ],
      { env, timeout: 2000 },
    );
    const path = /object path "([^"]+)"/.exec(stdout)?.[1];
    return path === undefined || path === "/" ? undefined : path;
  } catch {
    // Not on the bus yet (ServiceUnknown): the caller polls again.
    return undefined;
  }
}
