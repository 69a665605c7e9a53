/**
 * Puts what one refresh-token redemption produced into the shared cache: back into the store
 * the refresh token came from, with the access token routed by its CAE kind.
 */
import type { LogFacts, LogLevel } from "@entrakit/core";
import { type CacheEntries, isEmptyEntries, splitAccessTokens } from "./cache/cache-entries";
import {
  type CacheStore,
  type StoreLoad,
  type StoreSnapshot,
  servesAccessTokens,
} from "./stores/cache-store";

/** What {@link writeBack} needs. */
export interface WriteBackInput {
  readonly entries: CacheEntries;
  /** The snapshot the redeemed refresh token was read from. */
  readonly source: StoreSnapshot;
  readonly enableCae: boolean;
  /** Every store read, to find one of the request's kind. */
  readonly load: StoreLoad;
  readonly log: (level: LogLevel, message: string, facts: LogFacts) => void;
}

/**
 * Writes the entries to the refresh token's store. The access token goes there only when
 * that store holds tokens of the request's kind (CAE or not); otherwise to an existing store of
 * that kind, else nowhere (it stays in memory). Never throws: a failed write is logged, since
 * the token was obtained and is returned anyway.
 */
export async function writeBack(input: WriteBackInput): Promise<void> {
  const { entries, source, enableCae, load, log } = input;
  if (isEmptyEntries(entries)) return;
  const { accessTokens, others } = splitAccessTokens(entries);
  if (servesAccessTokens(source.store.kind, enableCae)) {
    await merge(source.store, { ...others, ...accessTokens }, log);
    return;
  }
  await merge(source.store, others, log);
  const target = load.snapshots.find((s) => servesAccessTokens(s.store.kind, enableCae));
  if (target) await merge(target.store, accessTokens, log);
}

async function merge(
  store: CacheStore,
  entries: CacheEntries,
  log: WriteBackInput["log"],
): Promise<void> {
  if (isEmptyEntries(entries)) return;
  try {
    const written = await store.merge(entries);
    log("verbose", written ? "wrote new tokens" : "the cache is gone; not recreated", {
      cache: store.description,
    });
  } catch (error) {
    log("warning", "could not write new tokens to the shared cache", {
      cache: store.description,
      code: (error as { code?: string }).code,
    });
  }
}
