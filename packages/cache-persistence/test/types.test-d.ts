// Compile-only: the structural shapes fit MSAL's own types (run by `typecheck`).
import type { ICachePlugin, TokenCacheContext } from "@azure/msal-node";
import type { CacheAccessContext, CachePlugin } from "../src/index";
import { createCachePlugin, createMemoryPersistence } from "../src/index";

const plugin: ICachePlugin = createCachePlugin(createMemoryPersistence());
const context = {} as TokenCacheContext;
const asOurs: CacheAccessContext = context;
const ours: CachePlugin = plugin;

export { asOurs, ours };
