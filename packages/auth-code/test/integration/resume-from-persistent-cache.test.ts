import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type CachePersistence,
  createFilePersistence,
  createMemoryPersistence,
} from "@entrakit/cache-persistence";
import { deserializeAuthenticationRecord, serializeAuthenticationRecord } from "@entrakit/core";
import { defaultUsername } from "@entrakit/dev-authority";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type AuthorityFixture,
  claimsOf,
  graphScope,
  startAuthorityFixture,
  storageScope,
  vaultScope,
} from "../helpers/dev-authority";

let fixture: AuthorityFixture;
let directory: string;
beforeAll(async () => {
  [fixture, directory] = await Promise.all([
    startAuthorityFixture(),
    mkdtemp(join(tmpdir(), "entrakit-auth-code-")),
  ]);
});
afterAll(async () => {
  await Promise.all([fixture?.close(), rm(directory, { recursive: true, force: true })]);
});
beforeEach(() => {
  fixture.authority.clearRequestLog();
});

const backends: [string, () => CachePersistence][] = [
  ["memory", () => createMemoryPersistence()],
  [
    "file",
    () =>
      createFilePersistence({
        directory,
        name: `resume-${Math.random().toString(36).slice(2)}.cache`,
      }),
  ],
];

describe.each(backends)(
  "a restart resumes from a persistent cache (%s backend)",
  (_, createBackend) => {
    it("a second credential with the record gets tokens silently and never sends its (spent) code", async () => {
      const persistence = createBackend();
      const first = fixture.webAppCredential([vaultScope], {
        tokenCachePersistenceOptions: { persistence },
      });
      const vault = await first.credential.getToken(vaultScope);
      const record = first.credential.getAuthenticationRecord();
      await first.credential.close();
      expect(record?.username).toBe(defaultUsername);
      // The record travels as JSON (e.g. in the web app's session store), with no secret in it.
      const stored = serializeAuthenticationRecord(record!);
      expect(stored).not.toContain(first.code);
      fixture.authority.clearRequestLog();

      // The restarted process only has the spent code from the original redirect.
      const resumed = fixture.webAppCredentialFor(first.code, {
        tokenCachePersistenceOptions: { persistence },
        authenticationRecord: deserializeAuthenticationRecord(stored),
      });
      const vaultAgain = await resumed.getToken(vaultScope);
      expect(vaultAgain.token).toBe(vault.token);
      expect(fixture.authority.countRequests({ endpoint: "token" })).toBe(0);

      const storage = await resumed.getToken(storageScope);
      const graphCae = await resumed.getToken(graphScope, { enableCae: true });
      expect(claimsOf(storage.token).aud).toBe("https://storage.azure.com");
      expect(claimsOf(graphCae.token).xms_cc).toEqual(["cp1"]);
      expect(fixture.codeRedemptions()).toBe(0);
      expect(fixture.refreshRedemptions()).toBe(2);
      expect(resumed.getAuthenticationRecord()).toEqual(record);
      await resumed.close();
    });

    it("a resumed credential needs no code at all", async () => {
      const persistence = createBackend();
      const first = fixture.webAppCredential([vaultScope], {
        tokenCachePersistenceOptions: { persistence },
      });
      await first.credential.getToken(vaultScope);
      const authenticationRecord = first.credential.getAuthenticationRecord();
      await first.credential.close();
      fixture.authority.clearRequestLog();

      const resumed = fixture.webAppCredentialFor("", {
        tokenCachePersistenceOptions: { persistence },
        authenticationRecord,
      });
      expect(claimsOf((await resumed.getToken(storageScope)).token).aud).toBe(
        "https://storage.azure.com",
      );
      expect(fixture.codeRedemptions()).toBe(0);
      await resumed.close();
    });

    it("a record whose account is not in the cache yet still redeems an unspent code", async () => {
      const elsewhere = fixture.webAppCredential();
      await elsewhere.credential.getToken(vaultScope);
      const authenticationRecord = elsewhere.credential.getAuthenticationRecord();
      await elsewhere.credential.close();
      fixture.authority.clearRequestLog();

      const code = fixture.mintWebAppCode();
      const credential = fixture.webAppCredentialFor(code, {
        tokenCachePersistenceOptions: { persistence: createBackend() },
        authenticationRecord,
      });
      expect(claimsOf((await credential.getToken(vaultScope)).token).upn).toBe(defaultUsername);
      expect(fixture.codeRedemptions()).toBe(1);
      await credential.close();
    });
  },
);
