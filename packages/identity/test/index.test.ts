// The meta package adds nothing and drops nothing: every runtime export of each composed package
// is exported by identity as the very same value, in the ESM and in the CommonJS build.
import { createRequire } from "node:module";
import * as asyncContext from "@entrakit/async-context";
import * as authCode from "@entrakit/auth-code";
import * as cachePersistence from "@entrakit/cache-persistence";
import * as core from "@entrakit/core";
import * as identity from "@entrakit/identity";
import * as sharedCache from "@entrakit/shared-cache";
import * as transport from "@entrakit/transport";
import { describe, expect, it } from "vitest";

const composed: Record<string, Record<string, unknown>> = {
  "@entrakit/core": core,
  "@entrakit/async-context": asyncContext,
  "@entrakit/transport": transport,
  "@entrakit/cache-persistence": cachePersistence,
  "@entrakit/auth-code": authCode,
  "@entrakit/shared-cache": sharedCache,
};
const identityExports: Record<string, unknown> = identity;

describe("@entrakit/identity (ESM)", () => {
  it.each(Object.keys(composed))("exports every runtime name of %s as the same value", (name) => {
    const pkg = composed[name]!;
    expect(Object.keys(pkg).length).toBeGreaterThan(0);
    const missing = Object.keys(pkg).filter((key) => !(key in identityExports));
    expect(missing).toEqual([]);
    const different = Object.keys(pkg).filter((key) => identityExports[key] !== pkg[key]);
    expect(different).toEqual([]);
  });

  it("exports nothing of its own", () => {
    const union = new Set(Object.values(composed).flatMap((pkg) => Object.keys(pkg)));
    expect(Object.keys(identityExports).filter((key) => !union.has(key))).toEqual([]);
  });

  it("gives shared-cache's AuthenticationRecord helpers, which are core's", () => {
    expect(identity.serializeAuthenticationRecord).toBe(core.serializeAuthenticationRecord);
    expect(identity.deserializeAuthenticationRecord).toBe(
      sharedCache.deserializeAuthenticationRecord,
    );
  });
});

describe("@entrakit/identity (CommonJS)", () => {
  const require = createRequire(import.meta.url);
  const cjsIdentity = require("@entrakit/identity") as Record<string, unknown>;

  it.each(Object.keys(composed))("exports every runtime name of %s as the same value", (name) => {
    const pkg = require(name) as Record<string, unknown>;
    const keys = Object.keys(pkg).filter((key) => key !== "__esModule");
    expect(keys.sort()).toEqual(Object.keys(composed[name]!).sort());
    const different = keys.filter((key) => cjsIdentity[key] !== pkg[key]);
    expect(different).toEqual([]);
  });
});
