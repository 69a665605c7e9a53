import { BlobServiceClient } from "@azure/storage-blob";
import { type DevAuthority, startDevAuthority } from "@entrakit/dev-authority";
import { describeWithService } from "@entrakit/testkit";
import { afterAll, beforeAll, expect, it } from "vitest";
import { authorizationCodeCase } from "./credentials/authorization-code-case";
import { sharedTokenCacheCase } from "./credentials/shared-token-cache-case";
import { type Azurite, probeAzurite, startAzurite } from "./helpers/azurite";
import { describeStorageCompatibility } from "./helpers/storage-compatibility";

// A real Azure SDK client (@azure/storage-blob) accepting entrakit credentials, against
// Azurite with OAuth checks on and tokens from the dev authority.
describeWithService("azurite (blob, OAuth over HTTPS)", probeAzurite, () => {
  let authority: DevAuthority;
  let azurite: Azurite;
  beforeAll(async () => {
    [authority, azurite] = await Promise.all([startDevAuthority(), startAzurite()]);
  });
  afterAll(async () => {
    await Promise.all([azurite?.close(), authority?.close()]);
  });

  it("refuses Azurite's certificate without tlsOptions: TLS verification is on", async () => {
    const untrusting = new BlobServiceClient(azurite.accountUrl, undefined, {
      retryOptions: { maxTries: 1 },
    });
    await expect(untrusting.getProperties()).rejects.toMatchObject({
      code: expect.stringMatching(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/),
    });
  });

  const services = () => ({ authority, azurite });
  // One line per credential; SharedTokenCacheCredential joins with a case of its own.
  describeStorageCompatibility(authorizationCodeCase, services);
  describeStorageCompatibility(sharedTokenCacheCase, services);
});
