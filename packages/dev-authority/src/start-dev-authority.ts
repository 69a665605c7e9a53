// Starts the HTTPS server on loopback and assembles the public DevAuthority object.
import { writeFile } from "node:fs/promises";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { createControls } from "./authority-controls.js";
import { AuthorityState } from "./authority-state.js";
import { createControlHandler } from "./control-api.js";
import { defaultTenantId } from "./defaults.js";
import type { DevAuthority } from "./dev-authority.js";
import { type DevAuthorityOptions, normalizeOptions } from "./dev-authority-options.js";
import { createRequestHandler } from "./request-handler.js";
import { createSelfSignedCertificate } from "./self-signed-certificate.js";
import { createSigningKey } from "./signing-key.js";

/**
 * Starts a local, Entra-compatible authority over HTTPS on 127.0.0.1.
 *
 * @remarks The TLS certificate is generated at start (unless `options.tls` is given) and is its own
 * CA: pass {@link DevAuthority.caPem} as `ca`, or write it with `writeCaFile` for
 * `NODE_EXTRA_CA_CERTS`. Point MSAL at `authorityUrl()` with `knownAuthorities: [host]`.
 * @throws `TypeError`/`RangeError` naming the option that is invalid; the listen error (e.g.
 * `EADDRINUSE`) when the port is taken.
 * @example
 * ```ts
 * await using authority = await startDevAuthority();
 * const code = authority.mintCode({ username: "alice@contoso.test", scopes: ["User.Read", "offline_access"] });
 * // POST it to `${authority.authorityUrl()}/oauth2/v2.0/token` with CA `authority.caPem`.
 * ```
 */
export async function startDevAuthority(options?: DevAuthorityOptions): Promise<DevAuthority> {
  const normalized = normalizeOptions(options);
  const [signingKey, tls] = await Promise.all([
    createSigningKey(),
    normalized.tls ??
      createSelfSignedCertificate().then(({ certPem, keyPem }) => ({ cert: certPem, key: keyPem })),
  ]);
  const state = new AuthorityState(normalized, signingKey);
  const controls = createControls(state);
  const control = normalized.enableControlApi
    ? createControlHandler(controls, tls.cert)
    : undefined;
  const server = createServer(
    { cert: tls.cert, key: tls.key },
    createRequestHandler(state, control),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(normalized.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  state.host = `127.0.0.1:${port}`;
  state.baseUrl = `https://${state.host}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      state.closing.abort();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  return {
    ...controls,
    url: state.baseUrl,
    host: state.host,
    port,
    caPem: tls.cert,
    authorityUrl: (tenant = defaultTenantId) => {
      if (typeof tenant !== "string" || !/^[A-Za-z0-9._-]+$/.test(tenant)) {
        throw new TypeError(
          "authorityUrl: tenant must be a tenant id, a domain, common, organizations or consumers.",
        );
      }
      return `${state.baseUrl}/${tenant}`;
    },
    writeCaFile: async (path) => {
      if (typeof path !== "string" || path === "") {
        throw new TypeError("writeCaFile: path must be a non-empty string.");
      }
      await writeFile(path, tls.cert, { mode: 0o644 });
      return path;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
