// Reads the web app's settings from command-line arguments, then environment variables. No
// authority host means offline mode (a local dev authority); otherwise every Entra setting must
// be given.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

/**
 * @typedef {{ mode: "dev-authority", port: number }
 *   | { mode: "entra", options: import("./web-app.mjs").WebAppOptions }} WebAppConfig
 */

/** The command-line options; each has an environment variable named in the README. */
const argOptions = /** @type {const} */ ({
  "authority-host": { type: "string" },
  "tenant-id": { type: "string" },
  "client-id": { type: "string" },
  "client-secret": { type: "string" },
  "redirect-uri": { type: "string" },
  port: { type: "string" },
  scope: { type: "string", multiple: true },
  "profile-url": { type: "string" },
  "ca-file": { type: "string" },
  "disable-instance-discovery": { type: "boolean" },
});

/**
 * @param {readonly string[]} argv - the arguments after the script name.
 * @param {Readonly<Record<string, string | undefined>>} env - the environment, read once.
 * @returns {WebAppConfig}
 * @throws {TypeError | RangeError} naming the setting that is missing or malformed.
 */
export function readConfig(argv, env) {
  const { values } = parseArgs({ args: [...argv], options: argOptions, strict: true });
  const port = readPort(values.port ?? env.PORT);
  const authorityHost = values["authority-host"] ?? env.AZURE_AUTHORITY_HOST;
  if (authorityHost === undefined || authorityHost === "") return { mode: "dev-authority", port };

  /** @param {string | undefined} value @param {string} arg @param {string} variable */
  const required = (value, arg, variable) => {
    if (value === undefined || value.trim() === "") {
      throw new TypeError(`WebApp: ${variable} is not set. Set it, or pass --${arg}.`);
    }
    return value;
  };
  const caFile = values["ca-file"] ?? env.WEB_APP_CA_FILE;
  const scopes = values.scope ?? env.WEB_APP_SCOPES?.split(/\s+/).filter(Boolean);
  const redirectUri = values["redirect-uri"] ?? env.WEB_APP_REDIRECT_URI;
  const profileUrl = values["profile-url"] ?? env.WEB_APP_PROFILE_URL;
  return {
    mode: "entra",
    options: {
      authorityHost,
      tenantId: required(
        values["tenant-id"] ?? env.AZURE_TENANT_ID,
        "tenant-id",
        "AZURE_TENANT_ID",
      ),
      clientId: required(
        values["client-id"] ?? env.AZURE_CLIENT_ID,
        "client-id",
        "AZURE_CLIENT_ID",
      ),
      clientSecret: required(
        values["client-secret"] ?? env.AZURE_CLIENT_SECRET,
        "client-secret",
        "AZURE_CLIENT_SECRET",
      ),
      port,
      ...(redirectUri ? { redirectUri } : {}),
      ...(scopes?.length ? { scopes } : {}),
      ...(profileUrl ? { profileUrl } : {}),
      ...(caFile ? { ca: readFileSync(caFile, "utf8") } : {}),
      disableInstanceDiscovery:
        values["disable-instance-discovery"] ?? env.AZURE_DISABLE_INSTANCE_DISCOVERY === "true",
    },
  };
}

/** @param {string | undefined} text */
function readPort(text) {
  if (text === undefined || text === "") return 3000;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(
      `WebApp: the port "${text}" is not a port number. Pass 0 to 65535 (0 picks a free port).`,
    );
  }
  return port;
}
