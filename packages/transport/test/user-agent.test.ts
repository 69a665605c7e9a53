import { readFileSync } from "node:fs";
import { isInvalidArgumentError } from "@entrakit/core";
import { describe, expect, it } from "vitest";
import { transportVersion } from "../src/index.js";
import { userAgent } from "../src/user-agent.js";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

describe("userAgent", () => {
  it("names the package version from package.json, Node and the platform", () => {
    expect(transportVersion).toBe(version);
    expect(userAgent()).toBe(
      `entrakit-transport/${version} Node/${process.versions.node} (${process.platform}; ${process.arch})`,
    );
  });

  it("puts the prefix first", () => {
    expect(userAgent(" my-app/1.0 ").startsWith("my-app/1.0 entrakit-transport/")).toBe(true);
    expect(userAgent("")).toBe(userAgent());
  });

  it("rejects control characters in the prefix", () => {
    let caught: unknown;
    try {
      userAgent("app\r\nX-Injected: 1");
    } catch (error) {
      caught = error;
    }
    expect(isInvalidArgumentError(caught)).toBe(true);
    expect((caught as Error).message).toContain("userAgentPrefix");
  });
});
