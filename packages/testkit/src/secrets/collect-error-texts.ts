import { inspect } from "node:util";

/** One piece of text found on an error, with where it was found. */
export interface LocatedText {
  /** A path such as `error.cause.message`, or `inspect(error)`. */
  readonly where: string;
  readonly text: string;
}

// Bounds the walk for errors that reference huge object graphs (sockets, agents).
const maxNodes = 50_000;

const identifier = /^[A-Za-z_$][\w$]*$/;

function childPath(path: string, key: string | symbol): string {
  if (typeof key === "symbol") return `${path}[${String(key)}]`;
  if (/^(0|[1-9]\d*)$/.test(key)) return `${path}[${key}]`;
  return identifier.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function attempt(produce: () => string | undefined): string | undefined {
  try {
    return produce();
  } catch {
    // A throwing getter, toString or toJSON hides nothing from the other views; skip this one.
    return undefined;
  }
}

/**
 * Every text a person or a logger could see of `value`: `util.inspect` with hidden properties,
 * `String(value)`, `JSON.stringify(value)`, and every own property (enumerable or not, symbols
 * too, getters included), recursively through `cause`, `errors` and nested objects.
 */
export function collectErrorTexts(value: unknown, root = "error"): LocatedText[] {
  const out: LocatedText[] = [];
  const add = (where: string, text: string | undefined) => {
    if (text !== undefined && text.length > 0) out.push({ where, text });
  };
  add(
    `inspect(${root})`,
    attempt(() =>
      inspect(value, {
        depth: null,
        showHidden: true,
        maxArrayLength: null,
        maxStringLength: null,
        breakLength: Number.POSITIVE_INFINITY,
      }),
    ),
  );
  add(
    `String(${root})`,
    attempt(() => String(value)),
  );
  add(
    `JSON.stringify(${root})`,
    attempt(() => JSON.stringify(value)),
  );

  const seen = new WeakSet<object>();
  let nodes = 0;
  const walk = (current: unknown, path: string): void => {
    if (++nodes > maxNodes) return;
    if (typeof current === "string" || typeof current === "symbol") {
      add(path, typeof current === "string" ? current : current.description);
      return;
    }
    if (typeof current !== "object" || current === null) return;
    if (seen.has(current)) return;
    seen.add(current);
    if (ArrayBuffer.isView(current) || current instanceof ArrayBuffer) {
      const bytes = ArrayBuffer.isView(current)
        ? Buffer.from(current.buffer, current.byteOffset, current.byteLength)
        : Buffer.from(current);
      add(path, bytes.toString("utf8"));
      return;
    }
    if (current instanceof Map) {
      let index = 0;
      for (const [key, entry] of current) {
        walk(key, `${path}<key ${index}>`);
        walk(entry, `${path}<value ${index}>`);
        index++;
      }
    } else if (current instanceof Set) {
      let index = 0;
      for (const entry of current) walk(entry, `${path}<entry ${index++}>`);
    }
    for (const key of Reflect.ownKeys(current)) {
      const descriptor = Object.getOwnPropertyDescriptor(current, key);
      if (descriptor === undefined) continue;
      if ("value" in descriptor) {
        walk(descriptor.value, childPath(path, key));
      } else if (descriptor.get !== undefined) {
        let got: unknown;
        try {
          got = descriptor.get.call(current);
        } catch {
          continue;
        }
        walk(got, childPath(path, key));
      }
    }
  };
  walk(value, root);
  return out;
}
