// The Azure SDK compatibility suite: one credential, driven by a real `BlobServiceClient`
// against Azurite, with tokens from the dev authority. Each credential under test is a
// `CredentialCase`; adding one is a case object plus one `describeStorageCompatibility` line.

import { randomUUID } from "node:crypto";
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/core-auth";
import {
  type AnonymousCredential,
  BlobServiceClient,
  type StoragePipelineOptions,
} from "@azure/storage-blob";
import type { DevAuthority } from "@entrakit/dev-authority";
import { type TempDir, tempDir } from "@entrakit/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Azurite } from "./azurite";

/** The running services a credential case builds its credential against. */
export interface CompatibilityServices {
  authority: DevAuthority;
  azurite: Azurite;
}

/** What a credential case hands to the suite. */
export interface CredentialUnderTest {
  credential: TokenCredential;
  /** Releases the credential (and anything its case created). */
  close(): Promise<void>;
}

/** Token-endpoint grant types the suite counts at the authority. */
export type GrantType = "authorization_code" | "refresh_token";

/** A credential to run through the storage suite. */
export interface CredentialCase {
  /** The suite title, e.g. `"AuthorizationCodeCredential"`. */
  name: string;
  /**
   * Builds the credential. Whatever this does at the authority (e.g. seeding a token cache) is
   * not counted: the request log is cleared right after it returns.
   *
   * @param services - the authority and Azurite.
   * @param dir - a fresh directory under `os.tmpdir()` for the case's files, removed afterwards.
   */
  create(services: CompatibilityServices, dir: string): Promise<CredentialUnderTest>;
  /**
   * Token requests per grant type the whole run must send, after `create`: the storage token
   * (shared by every client of the run) and the one for the wrong-audience test.
   */
  expectedGrants: Readonly<Record<GrantType, number>>;
}

/** The storage resource; its tokens carry `aud` = `https://storage.azure.com`. */
export const storageScope = "https://storage.azure.com/.default";
/** A resource Azurite must refuse. */
export const vaultScope = "https://vault.azure.net/.default";

/**
 * A `BlobServiceClient` for Azurite that trusts Azurite's certificate, verification on.
 *
 * Why `tlsOptions` and not `NODE_EXTRA_CA_CERTS`: Node reads that variable only at start-up, and
 * the certificate is made per run, so it would need a child process for the client, which would
 * hide the credential from the test. Storage passes its options on to core-rest-pipeline's
 * `createPipelineFromOptions`, whose `tlsOptions` (not in `StoragePipelineOptions`' type) gives
 * this client its own HTTPS agent with `ca` = Azurite's certificate; nothing process-wide
 * changes. The "refuses Azurite's certificate without tlsOptions" test proves both that
 * verification is on and that this option is what makes the client trust Azurite.
 */
export function blobServiceClient(
  azurite: Azurite,
  credential: TokenCredential | AnonymousCredential,
  options: StoragePipelineOptions = {},
): BlobServiceClient {
  const trusting: StoragePipelineOptions & { tlsOptions: { ca: string } } = {
    ...options,
    tlsOptions: { ca: azurite.certPem },
  };
  return new BlobServiceClient(azurite.accountUrl, credential, trusting);
}

/** One `getToken` call the storage client made: what it asked for, what it got (claims only). */
interface TokenCall {
  scopes: string[];
  aud: unknown;
  iss: unknown;
}

/**
 * Registers the storage compatibility tests for one credential case. Call it inside a suite
 * whose `beforeAll` has started the services that `services()` returns.
 *
 * @example
 * ```ts
 * describeStorageCompatibility(authorizationCodeCase, () => ({ authority, azurite }));
 * ```
 */
export function describeStorageCompatibility(
  credentialCase: CredentialCase,
  services: () => CompatibilityServices,
): void {
  describe(credentialCase.name, () => {
    const calls: TokenCall[] = [];
    let subject: CredentialUnderTest | undefined;
    let credential: TokenCredential;
    let dir: TempDir | undefined;

    beforeAll(async () => {
      dir = await tempDir("entrakit-e2e-case-");
      subject = await credentialCase.create(services(), dir.path);
      credential = recording(subject.credential, calls);
      services().authority.clearRequestLog();
    });
    afterAll(async () => {
      await subject?.close();
      await dir?.close();
    });

    it("creates a container and round-trips a blob through separate BlobServiceClients", async () => {
      const { azurite } = services();
      const container = `e2e-${randomUUID()}`;
      const content = `entrakit ✓ ${randomUUID()}`;

      // Separate clients have separate bearer policies, so each one asks the credential anew.
      const created = await blobServiceClient(azurite, credential)
        .getContainerClient(container)
        .create();
      expect(created._response.status).toBe(201);

      const blob = blobServiceClient(azurite, credential)
        .getContainerClient(container)
        .getBlockBlobClient("hello.txt");
      const uploaded = await blob.upload(content, Buffer.byteLength(content));
      expect(uploaded._response.status).toBe(201);

      const reader = blobServiceClient(azurite, credential);
      const downloaded = await reader
        .getContainerClient(container)
        .getBlockBlobClient("hello.txt")
        .downloadToBuffer();
      expect(downloaded.toString("utf8")).toBe(content);
      const names: string[] = [];
      for await (const item of reader.listContainers()) names.push(item.name);
      expect(names).toContain(container);

      expect(calls.length).toBeGreaterThanOrEqual(3);
      for (const call of calls) {
        expect(call.scopes).toEqual([storageScope]);
        expect(call.aud).toBe("https://storage.azure.com");
        expect(String(call.iss)).toMatch(/^https:\/\/sts\.windows\.net\//);
      }
    });

    it("Azurite rejects a token for another audience with 403", async () => {
      const { azurite } = services();
      const before = calls.length;
      const wrong = blobServiceClient(azurite, credential, { audience: vaultScope });
      const failure = await wrong
        .getContainerClient(`e2e-${randomUUID()}`)
        .create()
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(failure).toMatchObject({
        statusCode: 403,
        code: "AuthenticationFailed",
        details: { authenticationErrorDetail: "Invalid token audience." },
      });
      // The rejection is about the token the credential really issued for the other resource.
      expect(calls.slice(before)).toEqual([
        expect.objectContaining({ scopes: [vaultScope], aud: "https://vault.azure.net" }),
      ]);
    });

    it("sends the expected token requests for the whole run, however often getToken is called", () => {
      const { authority } = services();
      const storageCalls = calls.filter((call) => call.scopes.includes(storageScope));
      expect(storageCalls.length).toBeGreaterThanOrEqual(3);
      const grants = {
        authorization_code: authority.countRequests({ grantType: "authorization_code" }),
        refresh_token: authority.countRequests({ grantType: "refresh_token" }),
      };
      expect(grants).toEqual(credentialCase.expectedGrants);
    });
  });
}

// Records each call the storage client makes, leaving every other member of the credential as
// it is: the SDK gets the credential object itself, only `getToken` is observed.
function recording(target: TokenCredential, calls: TokenCall[]): TokenCredential {
  return new Proxy(target, {
    get(object, property) {
      if (property === "getToken") {
        return async (scopes: string | string[], options?: GetTokenOptions) => {
          const token: AccessToken | null = await object.getToken(scopes, options);
          const claims = token === null ? {} : payloadOf(token.token);
          calls.push({ scopes: [scopes].flat(), aud: claims.aud, iss: claims.iss });
          return token;
        };
      }
      const value: unknown = Reflect.get(object, property, object);
      // Class methods may use private fields, so they must run with the real object as `this`.
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}

// The dev authority's tokens are JWTs; only their public claims are read, never logged.
function payloadOf(token: string): Record<string, unknown> {
  const payload = token.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}
