// Structural mutations of JSON documents for property tests: replace, delete or add a value at
// a path chosen by the generator, including keys JavaScript treats specially (`__proto__`).
import fc from "fast-check";

type JsonObject = Record<string, unknown>;

/** One edit of a document; `path` picks a node by index at each level. */
export type JsonMutation =
  | { readonly kind: "replace"; readonly path: readonly number[]; readonly value: unknown }
  | { readonly kind: "delete"; readonly path: readonly number[] }
  | {
      readonly kind: "add";
      readonly path: readonly number[];
      readonly key: string;
      readonly value: unknown;
    };

/** Keys that are ordinary in JSON but special on JavaScript objects, plus random ones. */
export const awkwardKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", ""),
  fc.string({ maxLength: 12 }),
);

/** Any JSON value, with awkward keys in its objects. */
export const awkwardJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.jsonValue({ maxDepth: 1 }),
    fc.array(tie("value"), { maxLength: 3 }),
    fc
      .array(fc.tuple(awkwardKey, tie("value")), { maxLength: 3 })
      .map((pairs) => ownEntries(pairs)),
  ),
})).value;

const path = fc.array(fc.nat(), { minLength: 1, maxLength: 4 });

/** A random edit. */
export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  fc.record({ kind: fc.constant("replace" as const), path, value: awkwardJson }),
  fc.record({ kind: fc.constant("delete" as const), path }),
  fc.record({ kind: fc.constant("add" as const), path, key: awkwardKey, value: awkwardJson }),
);

/** An object whose keys are all own, enumerable data properties (`__proto__` included). */
export function ownEntries(pairs: readonly (readonly [string, unknown])[]): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of pairs) define(out, key, value);
  return out;
}

function define(target: JsonObject, key: string, value: unknown): void {
  // Plain assignment to "__proto__" would change the prototype instead of adding a key.
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function isContainer(value: unknown): value is JsonObject | unknown[] {
  return typeof value === "object" && value !== null;
}

/**
 * Applies `mutation` to a deep copy of `document`, walking `path` as far as it goes: each index
 * chooses one child (modulo the child count) of the current object or array.
 */
export function mutateJson(document: unknown, mutation: JsonMutation): unknown {
  const root: unknown = JSON.parse(JSON.stringify(document) ?? "null");
  if (!isContainer(root)) return mutation.kind === "replace" ? mutation.value : root;
  let parent: JsonObject | unknown[] = root;
  let key: string | undefined;
  for (const [depth, step] of mutation.path.entries()) {
    const keys = Object.keys(parent);
    if (keys.length === 0) break;
    const chosen = keys[step % keys.length] as string;
    const child = (parent as JsonObject)[chosen];
    if (depth === mutation.path.length - 1 || !isContainer(child)) {
      key = chosen;
      break;
    }
    parent = child;
  }
  if (mutation.kind === "add") {
    if (Array.isArray(parent)) parent.push(mutation.value);
    else define(parent, mutation.key, mutation.value);
  } else if (key !== undefined) {
    if (mutation.kind === "replace") define(parent as JsonObject, key, mutation.value);
    else if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  }
  return root;
}

/** Text-level damage: cut the text short, or splice random characters into it. */
export const textDamage: fc.Arbitrary<(text: string) => string> = fc.oneof(
  fc
    .double({ min: 0, max: 1, noNaN: true })
    .map((at) => (text: string) => text.slice(0, Math.floor(text.length * at))),
  fc
    .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.string({ minLength: 1, maxLength: 4 }))
    .map(([at, inserted]) => (text: string) => {
      const cut = Math.floor(text.length * at);
      return `${text.slice(0, cut)}${inserted}${text.slice(cut)}`;
    }),
);
