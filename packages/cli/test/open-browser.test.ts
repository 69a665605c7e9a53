import { describe, expect, it } from "vitest";
import { browserCommand } from "../src/open-browser";

const url =
  "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?client_id=c&state=s%20x&scope=a+b";

describe("browserCommand", () => {
  it("uses open on macOS and start through cmd.exe on Windows", () => {
    expect(browserCommand("darwin", url, {})).toEqual({ command: "open", args: [url] });
    expect(browserCommand("win32", url, { ComSpec: "C:\\Windows\\system32\\cmd.exe" })).toEqual({
      command: "C:\\Windows\\system32\\cmd.exe",
      args: ["/d", "/s", "/c", `"start "" "${url}""`],
      windowsVerbatimArguments: true,
    });
  });

  it("uses xdg-open only in a graphical session", () => {
    expect(browserCommand("linux", url, { DISPLAY: ":0" })).toEqual({
      command: "xdg-open",
      args: [url],
    });
    expect(browserCommand("freebsd", url, { WAYLAND_DISPLAY: "wayland-0" })).toEqual({
      command: "xdg-open",
      args: [url],
    });
    expect(browserCommand("linux", url, {})).toEqual({
      reason: "there is no graphical session: DISPLAY and WAYLAND_DISPLAY are unset",
    });
  });

  it("refuses anything but a plain https URL, so nothing can break out of the shell quoting", () => {
    for (const bad of [
      'https://x.test/"&calc',
      "http://x.test/",
      "file:///etc/passwd",
      "https://x.test/a b",
    ]) {
      expect(browserCommand("win32", bad, {})).toEqual({
        reason: "the URL is not a plain https URL",
      });
    }
  });
});
