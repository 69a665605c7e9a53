/**
 * Reads and writes libsecret items with exact attributes through the `secret-tool` program
 * (Debian: libsecret-tools). keytar can only use its own schema; the Python and .NET layouts
 * need arbitrary ones. Secrets travel over stdin/stdout, never on a command line.
 */
import { spawn } from "node:child_process";
import { keyringUnavailableError, secretToolMissingError } from "../errors/keyring-errors";

/** One item `secret-tool search` printed. */
export interface FoundSecretItem {
  readonly label: string;
  /** Every attribute, `xdg:schema` included. */
  readonly attributes: Record<string, string>;
  readonly secret: string;
}

/** Runs secret-tool commands. */
export interface SecretTool {
  search(attributes: Record<string, string>): Promise<FoundSecretItem[]>;
  store(label: string, attributes: Record<string, string>, secret: string): Promise<void>;
  clear(attributes: Record<string, string>): Promise<void>;
}

/**
 * @param program - the secret-tool executable.
 * @param platform - for error messages.
 */
export function createSecretTool(program: string, platform: NodeJS.Platform): SecretTool {
  const run = async (args: string[], input?: string) => {
    const result = await runProgram(program, args, input, platform);
    if (result.code === 127) throw secretToolMissingError(new Error(`${program}: not found`));
    return result;
  };
  const fail = (output: string, fallback: string) =>
    // Only secret-tool's own diagnostics: the output of a half-finished search may hold secrets.
    keyringUnavailableError(
      new Error(
        output
          .split("\n")
          .filter((line) => line.startsWith("secret-tool:") || line.startsWith("sh:"))
          .join(" ")
          .slice(0, 500) || fallback,
      ),
      platform,
    );
  return {
    async search(attributes) {
      const result = await run(["search", "--all", "--unlock", ...pairs(attributes)]);
      if (result.code !== 0) {
        if (result.output.trim() === "") return [];
        throw fail(result.output, "secret-tool search failed");
      }
      return parseSecretToolSearch(result.output);
    },
    async store(label, attributes, secret) {
      const result = await run(["store", `--label=${label}`, ...pairs(attributes)], secret);
      if (result.code !== 0) throw fail(result.output, "secret-tool store failed");
    },
    async clear(attributes) {
      const result = await run(["clear", ...pairs(attributes)]);
      if (result.code !== 0 && result.output.trim() !== "")
        throw fail(result.output, "secret-tool clear failed");
    },
  };
}

/**
 * Parses `secret-tool search --all` output. Each item is `[path]`, `label = `, `secret = `
 * (possibly several lines), `created = `, `modified = `, `schema = `, `attribute.<k> = <v>`.
 */
export function parseSecretToolSearch(output: string): FoundSecretItem[] {
  const items: FoundSecretItem[] = [];
  const headers = [...output.matchAll(/^\[\/[^\]\n]*\]$/gm)];
  headers.forEach((header, index) => {
    const start = (header.index ?? 0) + header[0].length + 1;
    const end = headers[index + 1]?.index ?? output.length;
    const block = output.slice(start, end);
    const head = /^label = (.*)\nsecret = /.exec(block);
    if (!head) return;
    const rest = block.slice(head[0].length);
    const tailAt = rest.search(/\ncreated = \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\nmodified = /);
    if (tailAt === -1) return;
    const attributes: Record<string, string> = {};
    for (const line of rest.slice(tailAt + 1).split("\n")) {
      const schema = /^schema = (.*)$/.exec(line);
      if (schema) attributes["xdg:schema"] = schema[1] ?? "";
      const attribute = /^attribute\.(.+?) = (.*)$/.exec(line);
      if (attribute) attributes[attribute[1] ?? ""] = attribute[2] ?? "";
    }
    items.push({ label: head[1] ?? "", attributes, secret: rest.slice(0, tailAt) });
  });
  return items;
}

function pairs(attributes: Record<string, string>): string[] {
  return Object.entries(attributes).flat();
}

interface ProgramResult {
  readonly code: number | null;
  /** stdout and stderr in the order written: secret-tool prints attributes on stderr. */
  readonly output: string;
}

function runProgram(
  program: string,
  args: string[],
  input: string | undefined,
  platform: NodeJS.Platform,
): Promise<ProgramResult> {
  return new Promise((resolve, reject) => {
    // The shell only joins stderr to stdout (GLib flushes each line, so the order holds). A locked
    // keyring may wait for a prompt nobody answers; give up rather than hang.
    const child = spawn("/bin/sh", ["-c", 'exec "$0" "$@" 2>&1', program, ...args], {
      stdio: ["pipe", "pipe", "ignore"],
      timeout: 60_000,
    });
    const out: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(keyringUnavailableError(error, platform)),
    );
    child.on("close", (code) => resolve({ code, output: Buffer.concat(out).toString("utf8") }));
    child.stdin.on("error", () => undefined);
    child.stdin.end(input ?? "");
  });
}
