// One cold start, in a fresh process: import the package (timed alone), then redeem an
// authorization code against the dev authority. Prints one JSON line: the import's duration
// and the time from process start (performance.timeOrigin) to the first token. The parent
// passes the authority and the code in ENTRAKIT_BENCH_COLD_START; nothing else is imported
// before the package, so the numbers hold only what a user's process would load.
const specifier = process.argv[2];
const settings = JSON.parse(process.env.ENTRAKIT_BENCH_COLD_START ?? "{}");

const beforeImport = performance.now();
const loaded = await import(specifier);
const importMs = performance.now() - beforeImport;

const Credential = loaded.AuthorizationCodeCredential;
if (typeof Credential !== "function") {
  process.stdout.write(
    `${JSON.stringify({ importMs, firstTokenMs: null, note: "exports no AuthorizationCodeCredential" })}\n`,
  );
  process.exit(0);
}
const credential = new Credential(
  settings.tenantId,
  settings.clientId,
  settings.clientSecret,
  settings.code,
  settings.redirectUri,
  { authorityHost: settings.authorityHost, disableInstanceDiscovery: true },
);
await credential.getToken(settings.scope);
const firstTokenMs = performance.now();
process.stdout.write(`${JSON.stringify({ importMs, firstTokenMs })}\n`);
// @azure/identity keeps sockets alive; a cold start ends at the first token.
process.exit(0);
