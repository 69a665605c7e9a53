// `npm start`: runs the web app against Microsoft Entra ID when an authority host is set, or
// against a local dev authority (offline) when none is. Stops on Ctrl+C.
import { readConfig } from "./config.mjs";
import { startWithDevAuthority } from "./start-with-dev-authority.mjs";
import { startWebApp } from "./web-app.mjs";

/** @returns {Promise<() => Promise<void>>} what stops everything that was started */
async function start() {
  const config = readConfig(process.argv.slice(2), process.env);
  if (config.mode === "entra") {
    const app = await startWebApp(config.options);
    process.stdout.write(
      `Web app:        ${app.url}\nRedirect URI:   ${app.redirectUri} (must be registered on the app)\n`,
    );
    return app.close;
  }
  const dev = await startWithDevAuthority({ port: config.port });
  process.stdout.write(
    [
      `Web app:        ${dev.app.url}`,
      `Dev authority:  ${dev.authority.authorityUrl()} (local and offline)`,
      "Sign in as:     alice@contoso.test or bob@contoso.test (no password)",
      "The authority's certificate is self-signed: your browser warns once; proceed to 127.0.0.1.",
      "",
    ].join("\n"),
  );
  return dev.close;
}

try {
  const close = await start();
  for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
    process.once(signal, () => {
      void close().then(() => process.exit(0));
    });
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
