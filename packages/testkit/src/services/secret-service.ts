import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { GateEnv } from "../gates/service-gate.js";
import { TestkitError } from "../testkit-error.js";
import { type DbusSession, readDefaultCollection, startDbusSession } from "./dbus-session.js";
import { probeCommands, type RequiredCommand } from "./find-executable.js";
import { ServiceProcess } from "./service-process.js";
import { type TempDir, tempDir } from "./temp-dir.js";
import { waitUntil } from "./wait-until.js";

/** The environment that points libsecret (and anything reading HOME/XDG) at the private keyring. */
export interface SecretServiceEnv {
  DBUS_SESSION_BUS_ADDRESS: string;
  HOME: string;
  XDG_DATA_HOME: string;
  XDG_CONFIG_HOME: string;
  XDG_CACHE_HOME: string;
  XDG_RUNTIME_DIR: string;
  GNOME_KEYRING_CONTROL: string;
}

/** Options of {@link startSecretService}. */
export interface StartSecretServiceOptions {
  /** The login keyring's password. @defaultValue a random one */
  password?: string;
  /** How long to wait for the keyring to appear on the bus. @defaultValue 10000 */
  startTimeoutMs?: number;
  /**
   * False starts only the private bus, with no Secret Service on it, to test what code does
   * when nothing answers (`gnome-keyring-daemon` is then not needed).
   * @defaultValue true
   */
  keyring?: boolean;
}

/**
 * A private Secret Service: a D-Bus session bus and an unlocked gnome-keyring on it (or the bus
 * alone, with `keyring: false`).
 */
export interface SecretService extends AsyncDisposable {
  /** The variables to give processes that should use this keyring. */
  readonly env: Readonly<SecretServiceEnv>;
  /** `base` (default `process.env`) with {@link SecretService.env} laid over it, for `spawn`. */
  childEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /**
   * Sets {@link SecretService.env} on `process.env`, for in-process libsecret users (keytar):
   * libsecret reads `DBUS_SESSION_BUS_ADDRESS` once, at first use, so call this before the
   * native module loads. Returns a function restoring the previous values; `close()` restores
   * them too.
   */
  applyToProcessEnv(): () => void;
  /** Stops the keyring and the bus, restores `process.env`, removes the temp dir. Idempotent. */
  close(): Promise<void>;
}

/**
 * Why a Secret Service cannot run here, or `undefined` when it can.
 *
 * @param env - where `PATH` is read from. @defaultValue `process.env`
 */
export function probeSecretService(env: GateEnv = process.env): Promise<string | undefined> {
  return probeCommands([...busCommands, keyringCommand], env);
}

const busCommands: readonly RequiredCommand[] = [
  { command: "dbus-daemon", debianPackage: "dbus-daemon" },
  { command: "dbus-send", debianPackage: "dbus-bin" },
];
const keyringCommand: RequiredCommand = {
  command: "gnome-keyring-daemon",
  debianPackage: "gnome-keyring",
};

/**
 * Starts a private D-Bus session bus and `gnome-keyring-daemon --unlock --components=secrets`
 * on it, with HOME and the XDG directories in a temp dir, so the real user's keyring is never
 * touched. Resolves once the unlocked default collection is on the bus (with `keyring: false`,
 * once the bus is up).
 *
 * @throws TestkitError (`service_unavailable`) when a needed command is missing.
 * @throws TestkitError (`service_start_failed`) when a daemon exits or the keyring never appears.
 * @example
 * ```ts
 * await using keyring = await startSecretService();
 * execFileSync("secret-tool", ["lookup", "service", "x"], { env: keyring.childEnv() });
 * ```
 */
export async function startSecretService(
  options: StartSecretServiceOptions = {},
): Promise<SecretService> {
  const withKeyring = options.keyring ?? true;
  const missing = withKeyring
    ? await probeSecretService()
    : await probeCommands(busCommands, process.env);
  if (missing !== undefined) {
    throw new TestkitError(
      `startSecretService: ${missing}. Or gate the suite with describeWithService("secret-service", probeSecretService, ...).`,
      "service_unavailable",
    );
  }
  const dir = await tempDir("entrakit-keyring-");
  const home = join(dir.path, "home");
  const runtime = join(dir.path, "run");
  const env: SecretServiceEnv = {
    DBUS_SESSION_BUS_ADDRESS: "",
    HOME: home,
    XDG_DATA_HOME: join(home, ".local", "share"),
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_CACHE_HOME: join(home, ".cache"),
    XDG_RUNTIME_DIR: runtime,
    GNOME_KEYRING_CONTROL: join(runtime, "keyring"),
  };
  let bus: DbusSession | undefined;
  let keyring: ServiceProcess | undefined;
  try {
    for (const path of [env.XDG_DATA_HOME, env.XDG_CONFIG_HOME, env.XDG_CACHE_HOME]) {
      await mkdir(path, { recursive: true, mode: 0o700 });
    }
    await mkdir(runtime, { mode: 0o700 });
    // Nothing is inherited: a DISPLAY or the user's bus address would reach the real session.
    const daemonEnv = { PATH: process.env.PATH ?? "", LANG: "C.UTF-8", ...env };
    const startedBus = await startDbusSession(dir.path, runtime, daemonEnv);
    bus = startedBus;
    env.DBUS_SESSION_BUS_ADDRESS = startedBus.address;
    daemonEnv.DBUS_SESSION_BUS_ADDRESS = startedBus.address;
    if (!withKeyring) return runningSecretService(env, undefined, startedBus, dir);
    const startedKeyring = new ServiceProcess(
      "gnome-keyring-daemon",
      ["--foreground", "--unlock", "--components=secrets"],
      daemonEnv,
      dir.path,
    );
    keyring = startedKeyring;
    // --unlock reads the login keyring's password from stdin until EOF.
    startedKeyring.child.stdin?.end(options.password ?? randomBytes(18).toString("base64url"));
    const outcome = await waitUntil(
      async () => (await readDefaultCollection(startedBus.address, daemonEnv)) !== undefined,
      {
        timeoutMs: options.startTimeoutMs ?? 10_000,
        stop: Promise.race([startedKeyring.exited, startedBus.daemon.exited]),
      },
    );
    if (outcome !== "ready") {
      const what =
        outcome === "timeout"
          ? "did not publish an unlocked default collection in time"
          : startedKeyring.running
            ? `lost its bus: dbus-daemon ${startedBus.daemon.describeExit()}`
            : startedKeyring.describeExit();
      const output = startedKeyring.output ? ` (output: ${startedKeyring.output.slice(-600)})` : "";
      throw new TestkitError(
        `startSecretService: gnome-keyring-daemon ${what}${output}. Run gnome-keyring-daemon --foreground --unlock --components=secrets by hand in a D-Bus session to see why.`,
        "service_start_failed",
      );
    }
    return runningSecretService(env, startedKeyring, startedBus, dir);
  } catch (error) {
    await Promise.allSettled([keyring?.stop(), bus?.daemon.stop()]);
    await dir.close();
    throw error;
  }
}

function runningSecretService(
  env: SecretServiceEnv,
  keyring: ServiceProcess | undefined,
  bus: DbusSession,
  dir: TempDir,
): SecretService {
  const frozen = Object.freeze({ ...env });
  let restoreEnv: (() => void) | undefined;
  let closing: Promise<void> | undefined;

  const applyToProcessEnv = () => {
    restoreEnv?.();
    const previous = new Map<string, string | undefined>();
    for (const [name, value] of Object.entries(frozen)) {
      previous.set(name, process.env[name]);
      process.env[name] = value;
    }
    let restored = false;
    const restore = () => {
      if (restored) return;
      restored = true;
      for (const [name, value] of previous) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      if (restoreEnv === restore) restoreEnv = undefined;
    };
    restoreEnv = restore;
    return restore;
  };

  const close = () => {
    closing ??= (async () => {
      restoreEnv?.();
      // The keyring first, so it never sees its bus vanish and logs a spurious error.
      const results = await Promise.allSettled([keyring?.stop()]);
      results.push(...(await Promise.allSettled([bus.daemon.stop(), dir.close()])));
      const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failure) {
        throw new TestkitError(
          "startSecretService: stopping the keyring or the bus failed. Check for leftover gnome-keyring-daemon or dbus-daemon processes.",
          "service_stop_failed",
          { cause: failure.reason },
        );
      }
    })();
    return closing;
  };

  return {
    env: frozen,
    childEnv: (base = process.env) => ({ ...base, ...frozen }),
    applyToProcessEnv,
    close,
    [Symbol.asyncDispose]: close,
  };
}
