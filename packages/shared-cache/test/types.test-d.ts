// Compile-only: the credential fits the Azure SDK's TokenCredential, and the MSAL shapes the
// redeemer hands over fit MSAL's own types.
import type { TokenCredential } from "@azure/core-auth";
import type { ICachePlugin, INetworkModule } from "@azure/msal-node";
import type { NetworkModule } from "@entrakit/transport";
import type { SharedTokenCacheCredential } from "../src/index";
import type { MsalAppConfig } from "../src/msal-app";

export const asTokenCredential = (credential: SharedTokenCacheCredential): TokenCredential =>
  credential;
export const asAsyncDisposable = (credential: SharedTokenCacheCredential): AsyncDisposable =>
  credential;
export const asMsalNetwork = (module: NetworkModule): INetworkModule => module;
export const pluginFits = (config: MsalAppConfig): ICachePlugin => config.cachePlugin;
