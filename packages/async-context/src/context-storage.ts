// The one AsyncLocalStorage behind the credential-chain flag and the correlation id. It holds
// plain values only; the public functions that read and set them live in their own files.

import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the storage holds. Every copy of this package reads what any other copy wrote, so the
 * shape may only gain optional fields, and a missing field must mean its default.
 */
export interface ContextStore {
  readonly inCredentialChain?: boolean;
  readonly correlationId?: string;
}

// A program can load several copies of this package: its CJS and ESM builds (one credential
// `require`d, another `import`ed), or two versions. Each copy would otherwise create its own
// storage, and a chain entered through one copy would be invisible to credentials from another.
// A registered symbol on globalThis gives every copy the same instance. It is created on first
// use, not at import, so importing the package has no side effects.
const storageKey = Symbol.for("entrakit.async-context.storage");

type StorageHolder = { [storageKey]?: AsyncLocalStorage<ContextStore> };

function storage(): AsyncLocalStorage<ContextStore> {
  const holder = globalThis as StorageHolder;
  holder[storageKey] ??= new AsyncLocalStorage<ContextStore>();
  return holder[storageKey];
}

/** The values in effect here; empty outside any run. */
export function currentStore(): ContextStore {
  return storage().getStore() ?? {};
}

/** Runs `fn` with `changes` applied over the values in effect, which nested runs inherit. */
export function runWithChanges<T>(changes: ContextStore, fn: () => T): T {
  return storage().run({ ...currentStore(), ...changes }, fn);
}
