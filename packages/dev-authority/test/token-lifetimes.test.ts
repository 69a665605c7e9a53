import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type DevAuthority,
  defaultFamilyClientId,
  defaultPublicClientId,
  defaultTokenLifetimes,
  startDevAuthority,
} from "../src/index.js";
import {
  decodePayload,
  refresh,
  signInAndRedeem,
  type TokenBody,
} from "./helpers/authority-helpers.js";

let authority: DevAuthority;
beforeAll(async () => {
  authority = await startDevAuthority({
    lifetimes: { expiresIn: 1800 },
    apps: [
      {
        clientId: "short-lived",
        redirectUris: ["http://localhost"],
        lifetimes: { expiresIn: 300, refreshIn: 150 },
      },
    ],
  });
});
beforeEach(() => authority.reset());
afterAll(() => authority.close());

describe("token lifetimes", () => {
  it("documents its defaults", () => {
    expect(defaultTokenLifetimes).toEqual({
      expiresIn: 3600,
      refreshTokenExpiresIn: 7_776_000,
      codeExpiresIn: 600,
      rotatedRefreshTokenGrace: 60,
    });
  });

  it("applies the global option, and per-app registration lifetimes over it", async () => {
    const global = await signInAndRedeem(authority);
    expect(global).toMatchObject({ expires_in: 1800, ext_expires_in: 1800 });
    expect(global.refresh_in).toBeUndefined();
    const payload = decodePayload(global.access_token);
    expect(Number(payload.exp) - Number(payload.iat)).toBe(1800);
    const app = await signInAndRedeem(authority, { clientId: "short-lived" });
    expect(app).toMatchObject({ expires_in: 300, ext_expires_in: 300, refresh_in: 150 });
  });

  it("changes lifetimes at run time, globally or for one client", async () => {
    authority.setTokenLifetimes({ expiresIn: 90, extExpiresIn: 180, refreshIn: 45 });
    expect(await signInAndRedeem(authority)).toMatchObject({
      expires_in: 90,
      ext_expires_in: 180,
      refresh_in: 45,
    });
    authority.setTokenLifetimes({ expiresIn: 30 }, { clientId: defaultFamilyClientId });
    const cli = await signInAndRedeem(authority);
    expect(cli.expires_in).toBe(90);
    const response = await refresh(authority, cli.refresh_token!, {
      clientId: defaultFamilyClientId,
    });
    expect(response.json<TokenBody>().expires_in).toBe(30);
    authority.reset();
    expect((await signInAndRedeem(authority, { clientId: defaultPublicClientId })).expires_in).toBe(
      1800,
    );
  });

  it("rejects invalid lifetimes naming the option", () => {
    expect(() => authority.setTokenLifetimes({ expiresIn: -1 })).toThrow(
      new RangeError(
        "setTokenLifetimes: lifetimes.expiresIn must be a finite number of seconds, 0 or more.",
      ),
    );
    expect(() => authority.setTokenLifetimes({ expiresIn: 0 })).toThrow(RangeError);
    expect(() => authority.setTokenLifetimes({ ttl: 5 } as never)).toThrow(TypeError);
    expect(() => authority.setTokenLifetimes(null as never)).toThrow(TypeError);
  });
});
