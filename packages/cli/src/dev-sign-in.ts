// `--dev-user`: completes a sign-in at a dev authority without a browser, through its documented
// `auto=1&user=` shortcut (not part of Entra's protocol), then delivers the redirect to the
// loopback server over HTTP exactly as a browser would.
import { get as httpGet } from "node:http";
import { request as httpsRequest } from "node:https";
import { CliError } from "./cli-error";
import { exitCodes } from "./exit-codes";

/** A dev authority this process started for one sign-in. */
export interface EmbeddedDevAuthority {
  /** Its https origin, e.g. `https://127.0.0.1:51234`. */
  readonly url: string;
  /** Its self-signed CA certificate (PEM). */
  readonly caPem: string;
  /** Stops it; tokens it issued stay in the cache. */
  close(): Promise<void>;
}

/**
 * Starts a dev authority on a free port for the duration of one `entrakit login`. Its control
 * API stays off: nothing but sign-in and token requests is served.
 */
export async function startEmbeddedDevAuthority(): Promise<EmbeddedDevAuthority> {
  // Loaded on demand: only `--dev` needs it, every other command starts without it.
  const { startDevAuthority } = await import("@entrakit/dev-authority");
  return startDevAuthority({ enableControlApi: false });
}

/**
 * Signs `username` in at the dev authority behind `authorizeUrl` and sends the resulting
 * redirect to the loopback server at `loopbackPort`. Resolves once the server answered.
 *
 * @throws {@link CliError} `sign_in_failed` (exit 2) when the authority does not redirect to
 * the loopback server (unknown user, a password needed, a refused request).
 */
export async function completeDevSignIn(
  authorizeUrl: string,
  username: string,
  ca: string | undefined,
  loopbackPort: number,
): Promise<void> {
  const url = new URL(authorizeUrl);
  url.searchParams.set("auto", "1");
  url.searchParams.set("user", username);
  const answer = await getWithoutFollowing(url, ca);
  const target = answer.location === undefined ? undefined : new URL(answer.location, url);
  if (
    answer.status !== 302 ||
    target === undefined ||
    target.protocol !== "http:" ||
    !["localhost", "127.0.0.1"].includes(target.hostname) ||
    target.port !== String(loopbackPort)
  ) {
    throw new CliError(
      `entrakit login: the dev authority did not sign ${username} in (status ${answer.status}, no redirect to this sign-in). Check that --dev-user names one of its users (e.g. alice@contoso.test) who has no password.`,
      "sign_in_failed",
      exitCodes.authenticationRequired,
    );
  }
  // The server listens on 127.0.0.1 only; "localhost" may resolve to ::1 first.
  target.hostname = "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    httpGet(target, (response) => {
      response.resume();
      response.on("end", resolve);
    }).on("error", reject);
  });
}

function getWithoutFollowing(
  url: URL,
  ca: string | undefined,
): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      url,
      { method: "GET", ...(ca === undefined ? {} : { ca }) },
      (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, location: response.headers.location });
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        new CliError(
          `entrakit login: the dev authority at ${url.origin} could not be reached (${error.code ?? error.name}). Check --authority and --ca-file, or drop --authority to start one.`,
          "sign_in_failed",
          exitCodes.authority,
        ),
      );
    });
    request.end();
  });
}
