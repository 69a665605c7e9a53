import { isInvalidArgumentError } from "@entrakit/core";
import { describe, expect, it } from "vitest";
import {
  createNetworkModule,
  type TransportOptions,
  transportDefaults,
  transportDetailsOf,
} from "../src/index.js";

function construction(options: TransportOptions): unknown {
  try {
    createNetworkModule(options);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("createNetworkModule", () => {
  it("has the documented defaults", () => {
    expect(transportDefaults).toEqual({
      timeoutMs: 30_000,
      maxRetries: 3,
      retryDelayMs: 800,
      maxRetryDelayMs: 60_000,
      maxTotalTimeMs: 60_000,
      retryPostAfterSend: true,
    });
  });

  it("creates a module with both MSAL methods and no options", () => {
    const network = createNetworkModule({ env: {} });
    expect(typeof network.sendGetRequestAsync).toBe("function");
    expect(typeof network.sendPostRequestAsync).toBe("function");
  });

  it.each([
    [{ timeoutMs: 0 }, "timeoutMs"],
    [{ timeoutMs: Number.NaN }, "timeoutMs"],
    [{ maxRetries: -1 }, "maxRetries"],
    [{ maxRetries: 1.5 }, "maxRetries"],
    [{ retryDelayMs: -5 }, "retryDelayMs"],
    [{ maxRetryDelayMs: Number.POSITIVE_INFINITY }, "maxRetryDelayMs"],
    [{ maxTotalTimeMs: -1 }, "maxTotalTimeMs"],
    [{ userAgentPrefix: "a\nb" }, "userAgentPrefix"],
    [{ ca: "nope" }, "ca option"],
    [{ proxy: { url: "ftp://proxy" } }, "proxy.url"],
    [{ env: { HTTPS_PROXY: "http://[" } }, "HTTPS_PROXY"],
  ] as Array<[TransportOptions, string]>)("rejects %j naming %s", (options, name) => {
    const error = construction({ env: {}, ...options });
    expect(isInvalidArgumentError(error)).toBe(true);
    expect((error as Error).message).toContain(name);
    expect((error as { code: string }).code).toBe("invalid_option");
  });

  it("rejects, not throws, a URL it cannot send to", async () => {
    const network = createNetworkModule({ env: {} });
    const relative = network.sendGetRequestAsync("/relative");
    await expect(relative).rejects.toSatisfy(isInvalidArgumentError);
    const error = await network
      .sendPostRequestAsync("ftp://host/token")
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toContain("uses ftp:");
    expect(transportDetailsOf(error)).toEqual({ attempts: [], mayHaveReachedServer: false });
  });
});
