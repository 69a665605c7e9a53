import { Agent } from "node:https";
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createEmptyPipeline,
  createPipelineRequest,
  type Pipeline,
} from "@azure/core-rest-pipeline";
import { isAuthenticationRequiredError } from "@entrakit/core";
import { defaultTenantId, defaultUsername } from "@entrakit/dev-authority";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AuthorizationCodeCredential } from "../../src/authorization-code-credential";
import {
  type AuthorityFixture,
  graphScope,
  rejectionOf,
  startAuthorityFixture,
} from "../helpers/dev-authority";

let fixture: AuthorityFixture;
let agent: Agent;
beforeAll(async () => {
  fixture = await startAuthorityFixture();
  agent = new Agent({ ca: fixture.authority.caPem });
});
afterAll(async () => {
  agent?.destroy();
  await fixture?.close();
});
beforeEach(() => {
  fixture.authority.clearRequestLog();
});

/** What an Azure SDK client does: a pipeline whose bearer policy asks the credential for tokens. */
function graphPipeline(credential: AuthorizationCodeCredential): Pipeline {
  const pipeline = createEmptyPipeline();
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: graphScope }));
  return pipeline;
}

async function getMe(pipeline: Pipeline) {
  const request = createPipelineRequest({ url: `${fixture.authority.url}/me`, method: "GET" });
  // The dev authority's CA, the way an SDK client is given a custom agent.
  request.agent = agent;
  const response = await pipeline.sendRequest(createDefaultHttpClient(), request);
  return { status: response.status, body: JSON.parse(response.bodyAsText ?? "{}") };
}

describe("an Azure SDK pipeline (core-rest-pipeline's bearerTokenAuthenticationPolicy) with the credential", () => {
  it("calls /me with the user's token and gets the profile", async () => {
    const { credential } = fixture.webAppCredential([graphScope]);
    const pipeline = graphPipeline(credential);

    const first = await getMe(pipeline);
    const second = await getMe(pipeline);

    expect(first).toEqual({
      status: 200,
      body: expect.objectContaining({
        userPrincipalName: defaultUsername,
        tenantId: defaultTenantId,
      }),
    });
    expect(second.status).toBe(200);
    expect(fixture.codeRedemptions()).toBe(1);
    expect(fixture.refreshRedemptions()).toBe(0);
    await credential.close();
  });

  it("after the session is revoked, the policy's CAE challenge reaches the authority, and the error says to sign in again", async () => {
    const username = "cae.pipeline@contoso.test";
    fixture.authority.registerUser({ username });
    const credential = fixture.webAppCredentialFor(
      fixture.mintWebAppCode({ username, scopes: [graphScope] }),
    );
    const pipeline = graphPipeline(credential);
    expect((await getMe(pipeline)).status).toBe(200);
    fixture.authority.revokeSessions(username);

    const error = await rejectionOf(getMe(pipeline));

    expect(isAuthenticationRequiredError(error)).toBe(true);
    expect((error as Error).message).toContain("AADSTS50173");
    // The pipeline passed /me's claims challenge on: it reached the token endpoint once.
    const refreshes = fixture.authority.requestLog({ grantType: "refresh_token" });
    expect(refreshes).toHaveLength(1);
    expect(JSON.parse(refreshes[0]?.params.claims ?? "{}").access_token.nbf).toBeDefined();
    expect(fixture.codeRedemptions()).toBe(1);
    await credential.close();
  });
});
