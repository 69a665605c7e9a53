// Compile-only checks, run by `tsc` (the package's typecheck): the credential is a drop-in
// replacement for @azure/identity's, and the structural MSAL seams fit MSAL's own types.
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/core-auth";
import type {
  AuthorizationCodeCredential as AzureAuthorizationCodeCredential,
  AuthorizationCodeCredentialOptions as AzureOptions,
} from "@azure/identity";
import type { ICachePlugin, INetworkModule } from "@azure/msal-node";
import type { CachePlugin } from "@entrakit/cache-persistence";
import type { NetworkModule } from "@entrakit/transport";
import { AuthorizationCodeCredential, type AuthorizationCodeCredentialOptions } from "../src/index";

/** True when A is assignable to B. */
type Extends<A, B> = [A] extends [B] ? true : false;
/** The parameter lists of a class with exactly two constructor overloads, in order. */
type ConstructorOverloads<T> = T extends {
  new (...args: infer First): unknown;
  new (...args: infer Second): unknown;
}
  ? [First, Second]
  : never;
function expectTrue<T extends true>(): T | undefined {
  return undefined;
}

type Ours = ConstructorOverloads<typeof AuthorizationCodeCredential>;
type Theirs = ConstructorOverloads<typeof AzureAuthorizationCodeCredential>;
type IsNever<T> = [T] extends [never] ? true : false;

// Guards against a vacuous pass: both classes really have the two overloads.
expectTrue<Extends<IsNever<Ours>, false>>();
expectTrue<Extends<IsNever<Theirs>, false>>();
expectTrue<Extends<Theirs[0]["length"], 5 | 6>>();
expectTrue<Extends<Theirs[1]["length"], 4 | 5>>();

// Every argument list @azure/identity accepts, ours accepts: swapping the import compiles.
expectTrue<Extends<Theirs[0], Ours[0]>>();
expectTrue<Extends<Theirs[1], Ours[1]>>();
// And ours accepts nothing more positionally: the same arity and the same string arguments.
expectTrue<Extends<Ours[0]["length"], Theirs[0]["length"]>>();
expectTrue<Extends<Ours[1]["length"], Theirs[1]["length"]>>();
expectTrue<Extends<Required<Ours[0]>[0 | 1 | 2 | 3 | 4], string>>();
expectTrue<Extends<Required<Ours[1]>[0 | 1 | 2 | 3], string>>();
// `ConstructorParameters` sees the last overload (the secretless one): it matches too.
expectTrue<
  Extends<
    ConstructorParameters<typeof AzureAuthorizationCodeCredential>,
    ConstructorParameters<typeof AuthorizationCodeCredential>
  >
>();
// The option bags fit both ways: ours only adds options @azure/identity does not have.
expectTrue<Extends<AzureOptions, AuthorizationCodeCredentialOptions>>();
expectTrue<Extends<AuthorizationCodeCredentialOptions, AzureOptions>>();

// The calls a user of @azure/identity writes today.
declare const options: AzureOptions;
new AuthorizationCodeCredential("tenant", "client", "secret", "code", "https://app/cb");
new AuthorizationCodeCredential("tenant", "client", "secret", "code", "https://app/cb", options);
new AuthorizationCodeCredential("common", "client", "code", "https://app/cb");
new AuthorizationCodeCredential("tenant", "client", "code", "https://app/cb", {
  additionallyAllowedTenants: ["*"],
  authorityHost: "https://login.microsoftonline.us",
  disableInstanceDiscovery: true,
  loggingOptions: { allowLoggingAccountIdentifiers: true },
});

// What @azure/identity refuses, ours refuses too.
// @ts-expect-error a tenant id is a string
new AuthorizationCodeCredential(42, "client", "code", "https://app/cb");
// @ts-expect-error the redirect URI is required
new AuthorizationCodeCredential("tenant", "client", "code");
// @ts-expect-error options come last, after the redirect URI
new AuthorizationCodeCredential("tenant", "client", "secret", "code", {}, "https://app/cb");

// A TokenCredential any Azure SDK client accepts, with core-auth's own option and result types.
declare const credential: AuthorizationCodeCredential;
const asTokenCredential: TokenCredential = credential;
declare const getTokenOptions: GetTokenOptions;
const token: Promise<AccessToken | null> = credential.getToken(["scope"], getTokenOptions);
expectTrue<Extends<AuthorizationCodeCredential, AsyncDisposable>>();

// The structural seams fit MSAL's own interfaces.
expectTrue<Extends<NetworkModule, INetworkModule>>();
expectTrue<Extends<CachePlugin, ICachePlugin>>();
declare const networkModule: NetworkModule;
declare const cachePlugin: CachePlugin;
const asMsalNetwork: INetworkModule = networkModule;
const asMsalCachePlugin: ICachePlugin = cachePlugin;

export { asMsalCachePlugin, asMsalNetwork, asTokenCredential, token };
