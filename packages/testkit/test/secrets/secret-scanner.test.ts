import { createPackageLogger, formatLogLine } from "@entrakit/core";
import { describe, expect, test } from "vitest";
import { createSecretScanner, SecretLeakError, TestkitError } from "../../src/index.js";

function thrownBy(act: () => void): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  return undefined;
}

const logger = createPackageLogger("testkit-scanner-test");

describe("createSecretScanner", () => {
  test("plants unique, recognisable, token-like secrets", () => {
    const scanner = createSecretScanner();
    const secrets = Array.from({ length: 200 }, () => scanner.plant());
    expect(new Set(secrets).size).toBe(200);
    for (const secret of secrets) {
      expect(secret).toMatch(/^pLnT[A-Za-z0-9_-]{32}$/);
    }
    expect(scanner.planted[0]?.label).toBe("secret-1");
  });

  test("labels repeat with a suffix so findings stay unambiguous", () => {
    const scanner = createSecretScanner();
    scanner.plant("code");
    scanner.plant("code");
    expect(scanner.planted.map((p) => p.label)).toEqual(["code", "code-2"]);
  });

  test("finds a secret hidden in a nested cause, naming the path", () => {
    const scanner = createSecretScanner();
    const secret = scanner.plant("refresh-token");
    const root = new Error("outer", {
      cause: new Error("middle", {
        cause: Object.assign(new Error("inner"), { request: { body: `refresh_token=${secret}` } }),
      }),
    });
    const findings = scanner.scanError(root);
    expect(findings.map((f) => f.where)).toContain("error.cause.cause.request.body");
    expect(findings.every((f) => f.label === "refresh-token")).toBe(true);
  });

  test("finds secrets in non-enumerable and symbol properties, getters, maps and buffers", () => {
    const scanner = createSecretScanner();
    const hidden = scanner.plant("hidden");
    const symbol = scanner.plant("symbol");
    const getter = scanner.plant("getter");
    const map = scanner.plant("map");
    const buffer = scanner.plant("buffer");
    const error = new Error("plain");
    Object.defineProperty(error, "raw", { value: hidden, enumerable: false });
    Object.defineProperty(error, Symbol("request"), { value: { token: symbol } });
    Object.defineProperty(error, "lazy", { get: () => getter, enumerable: false });
    Object.assign(error, {
      headers: new Map([["authorization", map]]),
      bytes: Buffer.from(buffer),
    });
    const labels = new Set(scanner.scanError(error).map((f) => f.label));
    expect([...labels].sort()).toEqual(["buffer", "getter", "hidden", "map", "symbol"]);
  });

  test("finds cut-down and base64-encoded secrets", () => {
    const scanner = createSecretScanner();
    const secret = scanner.plant("client-secret");
    const basic = Buffer.from(`client-id:${secret}`).toString("base64");
    expect(scanner.scanText(`secret starts ${secret.slice(0, 18)}...`)).toMatchObject([
      { label: "client-secret", form: "prefix" },
    ]);
    expect(scanner.scanText(`...${secret.slice(-20)}`)).toMatchObject([{ form: "suffix" }]);
    expect(scanner.scanText(`Authorization: Basic ${basic}`)).toMatchObject([{ form: "base64" }]);
    for (const pad of ["", "a", "ab"]) {
      const encoded = Buffer.from(`${pad}${secret}`).toString("base64url");
      expect(scanner.scanText(encoded)).toHaveLength(1);
    }
  });

  test("survives cycles and throwing getters", () => {
    const scanner = createSecretScanner();
    const secret = scanner.plant();
    const error = new Error("cyclic") as Error & { self?: unknown; deep?: unknown };
    error.self = error;
    Object.defineProperty(error, "broken", {
      get() {
        throw new Error("getter exploded");
      },
    });
    error.deep = { list: [{ value: secret }] };
    expect(scanner.scanError(error).map((f) => f.where)).toContain("error.deep.list[0].value");
  });

  test("finds a secret in a captured log line and restores the logger afterwards", () => {
    const scanner = createSecretScanner();
    const secret = scanner.plant("authorization-code");
    const logs = scanner.captureLogs();
    try {
      logger.verbose(formatLogLine("Test", "redeem", "sending", { body: `code=${secret}` }));
      logger.info(formatLogLine("Test", "redeem", "clean line"));
    } finally {
      logs.dispose();
    }
    expect(logs.lines).toHaveLength(2);
    const error = thrownBy(() => scanner.assertClean(logs));
    expect(error).toBeInstanceOf(SecretLeakError);
    expect(error).toMatchObject({
      code: "secret_leaked",
      findings: [{ label: "authorization-code", where: "source 1: log line 1", form: "exact" }],
    });
    // Logging after dispose is not captured any more.
    logger.info("after dispose");
    expect(logs.lines).toHaveLength(2);
  });

  test("the leak error names label and place but never the secret", () => {
    const scanner = createSecretScanner();
    const secret = scanner.plant("client-secret");
    const error = thrownBy(() =>
      scanner.assertClean("clean text", new Error("bad", { cause: new Error(`secret=${secret}`) })),
    ) as SecretLeakError;
    expect(error.message).toMatch(/^SecretScanner: .*"client-secret" in source 2: /);
    expect(error.message).toContain("source 2: error.cause.message");
    const everything = JSON.stringify(error.findings) + error.message + String(error.stack);
    expect(everything).not.toContain(secret);
    expect(createSecretScanner().scanError(error)).toEqual([]);
    expect(scanner.scanError(error)).toEqual([]);
  });

  test("passes on clean input: text, logs and errors", () => {
    const scanner = createSecretScanner();
    scanner.plant("client-secret");
    const logs = scanner.captureLogs();
    try {
      logger.verbose("nothing secret here");
    } finally {
      logs.dispose();
    }
    const error = new Error("failed", { cause: new Error("status 400 invalid_grant") });
    expect(() =>
      scanner.assertClean("plain text", logs, error, { body: "[redacted]" }),
    ).not.toThrow();
  });

  test("refuses a check that could never fail", () => {
    const empty = createSecretScanner();
    expect(thrownBy(() => empty.assertClean("text"))).toMatchObject({ code: "nothing_to_scan" });
    const planted = createSecretScanner();
    planted.plant();
    const error = thrownBy(() => planted.assertClean());
    expect(error).toBeInstanceOf(TestkitError);
    expect(error).toMatchObject({ code: "nothing_to_scan" });
  });
});
