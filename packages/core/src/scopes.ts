import { InvalidArgumentError } from "./errors/invalid-argument-error";

// Whitespace would split one scope into two on the wire; control characters have no place in
// a scope and could forge log lines.
const badCharacter = /[\s\p{Cc}]/u;

/**
 * Checks scopes and returns them as an array (a string becomes a one-element array; an array
 * is returned as is, not copied). At least one scope, each a non-empty string with no
 * whitespace or control characters.
 *
 * @throws {@link InvalidArgumentError} (`invalid_scope`) naming the offending scope.
 */
export function checkScopes(scopes: string | readonly string[]): readonly string[] {
  const list = typeof scopes === "string" ? [scopes] : scopes;
  if (!Array.isArray(list) || list.length === 0) {
    throw invalidScope(
      "no scope was given; pass at least one, e.g. https://vault.azure.net/.default",
    );
  }
  for (const scope of list) {
    if (typeof scope !== "string" || scope.length === 0) {
      throw invalidScope(`a scope is ${typeof scope === "string" ? "empty" : typeof scope}`);
    }
    if (badCharacter.test(scope)) {
      throw invalidScope(
        `${JSON.stringify(scope.slice(0, 100))} contains whitespace or a control character; pass each scope as its own array element`,
      );
    }
  }
  return list;
}

/** The resource of a scope: `https://vault.azure.net/.default` → `https://vault.azure.net`. */
export function resourceOfScope(scope: string): string {
  const slash = scope.lastIndexOf("/");
  return slash > scope.indexOf("://") + 2 ? scope.slice(0, slash) : scope;
}

function invalidScope(what: string): InvalidArgumentError {
  return new InvalidArgumentError(`Scopes: ${what}.`, "invalid_scope");
}
