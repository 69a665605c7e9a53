// Turns argv into one command and its options with node:util's parseArgs. Values are checked
// for shape here (present, numeric); meaning (tenant ids, scopes, URLs) is checked by the
// packages that own it. Nothing the user typed is echoed except option names: a pasted token
// in the wrong place must not end up in a terminal log.
import { type ParseArgsConfig, parseArgs } from "node:util";
import { CliError } from "./cli-error";
import { exitCodes } from "./exit-codes";

/** The commands `entrakit` knows. */
export type CommandName = "login" | "token" | "accounts" | "logout";

/** Every command's names, in help order. */
export const commandNames: readonly CommandName[] = Object.freeze([
  "login",
  "token",
  "accounts",
  "logout",
]);

/** The options of a command line, after parsing; unused ones are `undefined` / `false`. */
export interface CommandOptions {
  /** `--authority`: host name or https URL. */
  authority?: string;
  /** `--tenant`. */
  tenant?: string;
  /** `--client-id`. */
  clientId?: string;
  /** `--cache-dir`, as typed (relative to the working directory). */
  cacheDir?: string;
  /** `--ca-file`, as typed. */
  caFile?: string;
  /** `--allow-unencrypted`. */
  allowUnencrypted: boolean;
  /** `--dev`. */
  dev: boolean;
  /** `--scope`, every occurrence. */
  scopes: string[];
  /** `--username`. */
  username?: string;
  /** `--json`. */
  json: boolean;
  /** `--no-browser`. */
  noBrowser: boolean;
  /** `--dev-user`. */
  devUser?: string;
  /** `--timeout`, in seconds. */
  timeoutSeconds?: number;
}

/** What the command line asks for. */
export type CommandLine =
  | { readonly kind: "help"; readonly command?: CommandName }
  | { readonly kind: "version" }
  | { readonly kind: "run"; readonly command: CommandName; readonly options: CommandOptions };

const common = {
  authority: { type: "string" },
  tenant: { type: "string" },
  "client-id": { type: "string" },
  "cache-dir": { type: "string" },
  "ca-file": { type: "string" },
  "allow-unencrypted": { type: "boolean" },
  dev: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const specs = {
  login: {
    ...common,
    scope: { type: "string", multiple: true },
    "no-browser": { type: "boolean" },
    "dev-user": { type: "string" },
    timeout: { type: "string" },
  },
  token: {
    ...common,
    scope: { type: "string", multiple: true },
    username: { type: "string" },
    json: { type: "boolean" },
  },
  accounts: { ...common, json: { type: "boolean" } },
  logout: { ...common, username: { type: "string" } },
} as const;

const maxTimeoutSeconds = 3600;

type ParsedValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

/**
 * Parses `argv` (without the node and script paths).
 *
 * @throws {@link CliError} with exit code 1 (`unknown_command`, `unknown_option`,
 * `invalid_option`, `missing_option`) for a command line that cannot run.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const [first, ...rest] = argv;
  if (first === undefined) {
    throw usage("entrakit", "no command given", "Run `entrakit --help` for the commands");
  }
  if (first === "--version") return { kind: "version" };
  if (first === "--help" || first === "-h") return { kind: "help" };
  if (first === "help") {
    const topic = rest[0];
    return topic !== undefined && isCommand(topic)
      ? { kind: "help", command: topic }
      : { kind: "help" };
  }
  if (!isCommand(first)) {
    const shown = first.startsWith("-") ? `option ${optionName(first)}` : "command";
    throw usage(
      "entrakit",
      `unknown ${shown}`,
      `Run \`entrakit --help\` for the commands (${commandNames.join(", ")})`,
      "unknown_command",
    );
  }
  // Help wins over any other mistake on the line, as users reach for it when stuck.
  if (rest.includes("--help") || rest.includes("-h")) return { kind: "help", command: first };
  let values: ParsedValues;
  try {
    values = parseArgs({
      args: [...rest],
      // One spec per command; the union of their typed results is not useful, the shape is.
      options: specs[first] as NonNullable<ParseArgsConfig["options"]>,
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw fromParseError(first, error);
  }
  const options = toOptions(values);
  checkCommand(first, options);
  return { kind: "run", command: first, options };
}

function isCommand(value: string): value is CommandName {
  return (commandNames as readonly string[]).includes(value);
}

function toOptions(values: ParsedValues): CommandOptions {
  const text = (name: string) => {
    const value = values[name];
    return typeof value === "string" ? value : undefined;
  };
  const scopes = values.scope;
  const options: CommandOptions = {
    allowUnencrypted: values["allow-unencrypted"] === true,
    dev: values.dev === true,
    json: values.json === true,
    noBrowser: values["no-browser"] === true,
    scopes: Array.isArray(scopes) ? scopes.filter((scope) => typeof scope === "string") : [],
  };
  const assign = <K extends keyof CommandOptions>(key: K, value: CommandOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  assign("authority", text("authority"));
  assign("tenant", text("tenant"));
  assign("clientId", text("client-id"));
  assign("cacheDir", text("cache-dir"));
  assign("caFile", text("ca-file"));
  assign("username", text("username"));
  assign("devUser", text("dev-user"));
  const timeout = text("timeout");
  if (timeout !== undefined) assign("timeoutSeconds", parseTimeout(timeout));
  return options;
}

function parseTimeout(value: string): number {
  const seconds = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > maxTimeoutSeconds) {
    throw usage(
      "entrakit login",
      "--timeout is not a whole number of seconds between 1 and 3600",
      "Pass e.g. --timeout 300",
      "invalid_option",
    );
  }
  return seconds;
}

function checkCommand(command: CommandName, options: CommandOptions): void {
  if (command === "token" && options.scopes.length === 0) {
    throw usage(
      "entrakit token",
      "--scope is required",
      "Pass the scope to get a token for, e.g. --scope https://management.azure.com/.default",
      "missing_option",
    );
  }
  if (options.devUser !== undefined && !options.dev) {
    throw usage(
      "entrakit login",
      "--dev-user works only with --dev",
      "Add --dev to sign in at a local dev authority, or drop --dev-user",
      "invalid_option",
    );
  }
  for (const name of [
    "tenant",
    "clientId",
    "username",
    "devUser",
    "authority",
    "cacheDir",
    "caFile",
  ] as const) {
    if (options[name]?.trim() === "") {
      throw usage(
        `entrakit ${command}`,
        `--${kebab(name)} is empty`,
        `Pass a value or leave --${kebab(name)} out`,
        "invalid_option",
      );
    }
  }
  if (options.scopes.some((scope) => scope.trim() === "")) {
    throw usage(
      `entrakit ${command}`,
      "--scope is empty",
      "Pass a scope such as https://vault.azure.net/.default",
      "invalid_option",
    );
  }
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function fromParseError(command: CommandName, error: unknown): CliError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : "";
  const name = optionName(/'(-[^' ]*)/.exec(message)?.[1] ?? "");
  const help = `Run \`entrakit ${command} --help\` for its options`;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    return usage(`entrakit ${command}`, `unknown option ${name}`, help, "unknown_option");
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const what = /argument missing/.test(message) ? "needs a value" : "takes no value";
    return usage(`entrakit ${command}`, `option ${name} ${what}`, help, "invalid_option");
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return usage(
      `entrakit ${command}`,
      "it takes no arguments besides options",
      `Check for a value without its option name. ${help}`,
      "invalid_option",
    );
  }
  return usage(`entrakit ${command}`, "the command line could not be read", help, "invalid_option");
}

// Only the option's name is shown: "--foo=value" could carry anything the user pasted.
function optionName(raw: string): string {
  const name = raw.split("=", 1)[0] ?? "";
  return /^--?[A-Za-z0-9][\w-]{0,39}$/.test(name) ? name : "(unreadable name)";
}

function usage(
  component: string,
  what: string,
  todo: string,
  code:
    | "unknown_command"
    | "unknown_option"
    | "invalid_option"
    | "missing_option" = "invalid_option",
): CliError {
  return new CliError(`${component}: ${what}. ${todo}.`, code, exitCodes.usage);
}
