#!/usr/bin/env node
// The `entrakit-dev-authority` command: start an authority, write its CA file, print how to use
// it, and stay up until SIGINT/SIGTERM. It imports the built library entry instead of bundling it.
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  defaultPublicClientId,
  defaultTenantId,
  defaultUsers,
  defaultWebAppClientId,
  defaultWebAppRedirectUri,
  defaultWebAppSecret,
  startDevAuthority,
} from "./index.js";

const usage = `Usage: entrakit-dev-authority [options]

  -p, --port <n>        port on 127.0.0.1 (default: a free port)
      --ca-file <path>  where to write the CA certificate (default: <tmpdir>/entrakit-dev-authority-ca.pem)
      --tls-cert <path> serve this certificate (PEM) instead of a new one; needs --tls-key
      --tls-key <path>  private key (PEM) for --tls-cert
  -h, --help            show this help
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", short: "p" },
      "ca-file": { type: "string" },
      "tls-cert": { type: "string" },
      "tls-key": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (Boolean(values["tls-cert"]) !== Boolean(values["tls-key"])) {
    throw new TypeError("--tls-cert and --tls-key go together.");
  }
  const tls =
    values["tls-cert"] && values["tls-key"]
      ? {
          cert: await readFile(values["tls-cert"], "utf8"),
          key: await readFile(values["tls-key"], "utf8"),
        }
      : undefined;
  const authority = await startDevAuthority({ port, tls });
  const caFile = await authority.writeCaFile(
    values["ca-file"] ?? join(tmpdir(), "entrakit-dev-authority-ca.pem"),
  );
  const authorize = new URL(`${authority.authorityUrl()}/oauth2/v2.0/authorize`);
  authorize.search = new URLSearchParams({
    client_id: defaultPublicClientId,
    response_type: "code",
    redirect_uri: "http://localhost",
    scope: "openid profile offline_access User.Read",
    auto: "1",
    user: defaultUsers[0]?.username ?? "",
  }).toString();
  process.stdout.write(`entrakit dev authority listening on ${authority.url}
  authority:       ${authority.authorityUrl()} (tenant ${defaultTenantId})
  CA certificate:  ${caFile}
  trust it:        NODE_EXTRA_CA_CERTS=${caFile}
  public client:   ${defaultPublicClientId} (redirect http://localhost, any port)
  web app:         ${defaultWebAppClientId} secret ${defaultWebAppSecret} redirect ${defaultWebAppRedirectUri}
  users:           ${defaultUsers.map((user) => user.username).join(", ")}
  sign in by HTTP: ${authorize.toString()}
Press Ctrl+C to stop.
`);
  const stop = () => {
    void authority.close().then(() => process.stdout.write("entrakit dev authority stopped\n"));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `entrakit-dev-authority: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
