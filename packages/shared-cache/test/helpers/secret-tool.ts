import { spawnSync } from "node:child_process";

/** One item `secret-tool search` printed. */
export interface StoredSecret {
  label: string;
  secret: string;
  attributes: Record<string, string>;
}

/** Stores `secret` under exactly `attributes` (`xdg:schema` included), as another tool would. */
export function storeSecret(
  env: NodeJS.ProcessEnv,
  label: string,
  attributes: Record<string, string>,
  secret: string,
): void {
  const result = spawnSync(
    "secret-tool",
    ["store", `--label=${label}`, ...Object.entries(attributes).flat()],
    { env, input: secret },
  );
  if (result.status !== 0) throw new Error(`secret-tool store failed: ${result.stderr}`);
}

/** Every item matching `attributes`, with its secret and attributes. */
export function searchSecrets(
  env: NodeJS.ProcessEnv,
  attributes: Record<string, string>,
): StoredSecret[] {
  // secret-tool prints attributes on stderr and the rest on stdout; merged, they stay in order.
  const result = spawnSync(
    "/bin/sh",
    [
      "-c",
      'exec secret-tool search --all "$@" 2>&1',
      "secret-tool",
      ...Object.entries(attributes).flat(),
    ],
    { env },
  );
  const items: StoredSecret[] = [];
  for (const line of result.stdout.toString().split("\n")) {
    if (line.startsWith("[")) items.push({ label: "", secret: "", attributes: {} });
    const item = items.at(-1);
    const match = /^(label|secret|schema|attribute\.([^ ]+)) = (.*)$/.exec(line);
    if (!item || !match) continue;
    const value = match[3] ?? "";
    if (match[1] === "label") item.label = value;
    else if (match[1] === "secret") item.secret = value;
    // secret-tool shows the xdg:schema attribute as "schema".
    else if (match[1] === "schema") item.attributes["xdg:schema"] = value;
    else item.attributes[match[2] ?? ""] = value;
  }
  return items;
}
