import { AuthorizationCodeCredential, createAuthorizationRequest } from "@entrakit/auth-code";
import type { CommandContext } from "../command-context";
import type { CommandOptions } from "../command-line";
import { credentialBaseOptions, resolveCredentialSettings } from "../credential-settings";
import {
  completeDevSignIn,
  type EmbeddedDevAuthority,
  startEmbeddedDevAuthority,
} from "../dev-sign-in";
import { LoopbackRedirectServer } from "../loopback-redirect-server";
import { openSystemBrowser } from "../open-browser";
import { resolveLoginPersistence } from "../shared-cache-places";
import { waitForAuthorizationCode } from "../wait-for-authorization-code";

/** What `entrakit login` consents to without `--scope`: Azure Resource Manager, as `az login` does. */
export const defaultLoginScope = "https://management.core.windows.net//.default";

const defaultTimeoutSeconds = 300;

/**
 * `entrakit login`: the authorization code flow with PKCE through the system browser and a
 * loopback redirect, redeemed by AuthorizationCodeCredential into the shared cache.
 *
 * @throws what the steps throw; `runCli` turns it into a message and an exit code.
 */
export async function runLogin(options: CommandOptions, context: CommandContext): Promise<void> {
  const scopes = options.scopes.length > 0 ? options.scopes : [defaultLoginScope];
  let embedded: EmbeddedDevAuthority | undefined;
  let server: LoopbackRedirectServer | undefined;
  let credential: AuthorizationCodeCredential | undefined;
  try {
    if (options.dev && options.authority === undefined) {
      embedded = await startEmbeddedDevAuthority();
      context.err(`Started a dev authority at ${embedded.url} for this sign-in.`);
    }
    const settings = await resolveCredentialSettings(
      options,
      context,
      embedded && { authorityHost: embedded.url, ca: embedded.caPem },
    );
    // Before the browser opens: a keyring that cannot be used fails now, not after sign-in.
    const persistence = await resolveLoginPersistence(settings);
    server = await LoopbackRedirectServer.start();
    const tenantId = settings.tenantId ?? "organizations";
    const request = createAuthorizationRequest({
      tenantId,
      clientId: settings.clientId,
      redirectUri: server.redirectUri,
      scopes,
      authorityHost: settings.authorityHost,
      prompt: "select_account",
    });
    let alongside: Promise<void> | undefined;
    if (options.devUser !== undefined) {
      context.err(`Signing in as ${options.devUser} at the dev authority, without a browser.`);
      alongside = completeDevSignIn(request.url, options.devUser, settings.ca, server.port);
    } else {
      await promptForSignIn(request.url, options.noBrowser, context);
    }
    const { code, redirect } = await waitForAuthorizationCode(server, {
      state: request.state,
      timeoutMs: (options.timeoutSeconds ?? defaultTimeoutSeconds) * 1000,
      clock: context.clock,
      signal: context.signal,
      notice: context.err,
      ...(alongside === undefined ? {} : { alongside }),
    });
    credential = new AuthorizationCodeCredential(
      tenantId,
      settings.clientId,
      code,
      server.redirectUri,
      {
        ...credentialBaseOptions(settings),
        codeVerifier: request.codeVerifier,
        nonce: request.nonce,
        tokenCachePersistenceOptions: { persistence },
      },
    );
    let username: string;
    try {
      await credential.getTokenInfo(scopes, { abortSignal: context.signal });
      const record = credential.getAuthenticationRecord();
      username = record?.username ?? "(unknown user)";
      context.out(
        `Signed in as ${username} (tenant ${record?.tenantId ?? tenantId}) at ${record?.authority ?? new URL(settings.authorityHost).host}.`,
      );
    } catch (error) {
      redirect.reply(
        500,
        "Sign-in failed",
        "entrakit could not complete the sign-in. Return to your terminal for details.",
      );
      throw error;
    }
    redirect.reply(200, "Signed in", `Signed in as ${username}. You can close this window.`);
    await alongside;
    context.err(`Tokens are stored in ${persistence.description}.`);
    if (embedded) {
      context.err(
        "The dev authority stops now: `entrakit token --dev` serves its cached tokens until they expire.",
      );
    }
  } finally {
    await credential?.close();
    await server?.close();
    await embedded?.close();
  }
}

async function promptForSignIn(
  url: string,
  noBrowser: boolean,
  context: CommandContext,
): Promise<void> {
  if (noBrowser) {
    context.err(`To sign in, open this URL in a browser on this machine:\n  ${url}`);
  } else {
    const open =
      context.io.openBrowser ??
      ((target: string) =>
        openSystemBrowser(target, {
          platform: context.platform,
          env: context.env,
          onLateFailure: (reason) =>
            context.err(
              `entrakit login: the browser did not open (${reason}). Open the URL above to sign in.`,
            ),
        }));
    const result = await open(url);
    if (result.opened) {
      context.err(`Opened your browser to sign in. If it did not open, go to:\n  ${url}`);
    } else {
      context.err(
        `entrakit login: could not open a browser (${result.reason}). To sign in, open this URL in a browser on this machine:\n  ${url}`,
      );
    }
  }
  context.err("Waiting for the sign-in to complete (Ctrl+C to cancel)...");
}
