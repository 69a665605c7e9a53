// Opens the sign-in page with the platform's own opener, with no npm dependency. The URL is
// always printed as well, so a failure here only changes the wording of the prompt.
import { spawn } from "node:child_process";
import { formatLogLine } from "@entrakit/core";
import type { BrowserOpenResult } from "./cli-io";
import { logger } from "./logger";

/** How to open a URL on a platform, or why it cannot be done. */
export type BrowserCommand =
  | {
      readonly command: string;
      readonly args: readonly string[];
      readonly windowsVerbatimArguments?: boolean;
    }
  | { readonly reason: string };

const component = "OpenBrowser";

/**
 * The opener for `platform`: `open` (macOS), `start` through `cmd.exe` (Windows), else
 * `xdg-open`, which needs a graphical session.
 *
 * @param platform - `process.platform` or a test's.
 * @param url - an `https:` URL.
 * @param env - read for `DISPLAY`, `WAYLAND_DISPLAY` and `ComSpec`.
 */
export function browserCommand(
  platform: NodeJS.Platform,
  url: string,
  env: Readonly<Record<string, string | undefined>>,
): BrowserCommand {
  if (!/^https:\/\/[^\s"]+$/.test(url)) return { reason: "the URL is not a plain https URL" };
  if (platform === "darwin") return { command: "open", args: [url] };
  if (platform === "win32") {
    // `start` is a cmd.exe builtin; the whole line is quoted the way Node quotes shell commands,
    // and the empty "" is start's window title, so the URL is never taken for one. URLs built
    // with URLSearchParams hold no quotes, so nothing can break out of the quoting.
    return {
      command: env.ComSpec ?? "cmd.exe",
      args: ["/d", "/s", "/c", `"start "" "${url}""`],
      windowsVerbatimArguments: true,
    };
  }
  // Without a display, xdg-open falls back to text browsers inside this very terminal.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { reason: "there is no graphical session: DISPLAY and WAYLAND_DISPLAY are unset" };
  }
  return { command: "xdg-open", args: [url] };
}

/** Options of {@link openSystemBrowser}. */
export interface OpenSystemBrowserOptions {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Called when the opener started but then failed (e.g. `xdg-open` found no browser). It may
   * come any time later, or never: some openers run as long as the browser does.
   */
  readonly onLateFailure?: (reason: string) => void;
}

/**
 * Starts the platform's opener for `url`, detached.
 *
 * @returns `{ opened: true }` once the opener started, or why it could not start.
 */
export function openSystemBrowser(
  url: string,
  options: OpenSystemBrowserOptions,
): Promise<BrowserOpenResult> {
  const how = browserCommand(options.platform, url, options.env);
  if ("reason" in how) return Promise.resolve({ opened: false, reason: how.reason });
  return new Promise((resolve) => {
    const child = spawn(how.command, [...how.args], {
      detached: true,
      stdio: "ignore",
      windowsHide: true,
      windowsVerbatimArguments: how.windowsVerbatimArguments === true,
    });
    child.once("error", (error: NodeJS.ErrnoException) => {
      const reason = `${how.command} could not be started (${error.code ?? error.name})`;
      logger.verbose(formatLogLine(component, "open", "opener failed", { command: how.command }));
      resolve({ opened: false, reason });
    });
    child.once("spawn", () => {
      child.unref();
      resolve({ opened: true });
    });
    child.once("exit", (code) => {
      if (code !== 0 && code !== null) {
        options.onLateFailure?.(`${how.command} exited with status ${code}`);
      }
    });
  });
}
