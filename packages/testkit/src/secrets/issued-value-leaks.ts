import { inspect } from "node:util";
import type { LogCapture } from "./log-capture.js";

/**
 * The pieces of an issued value (a code or token the authority handed out) that would betray
 * it: the whole value and, for a JWT, its payload and signature (headers are shared by every
 * token); otherwise its 16-character ends.
 */
export function telltaleFragments(value: string): string[] {
  const parts = value.split(".");
  if (parts.length === 3) {
    return [value, ...[parts[1] ?? "", parts[2] ?? ""].filter((part) => part.length >= 16)];
  }
  return [value, ...[value.slice(0, 16), value.slice(-16)].filter((end) => end.length >= 8)];
}

/**
 * Where values issued at run time (unlike planted secrets, unknown before the test) show up in
 * captured log lines or in errors inspected in full (`depth: null`, hidden properties). Returns
 * one finding per value and place, naming the value by index, never by content.
 */
export function findIssuedValueLeaks(
  issued: readonly string[],
  logs: Pick<LogCapture, "lines">,
  errors: readonly unknown[],
): string[] {
  const texts = [
    ...logs.lines.map((line, index) => ({ where: `log line ${index + 1}`, text: line })),
    ...errors.map((error, index) => ({
      where: `error ${index + 1}`,
      text: inspect(error, { depth: null, showHidden: true }),
    })),
  ];
  return texts.flatMap(({ where, text }) =>
    issued.flatMap((value, index) =>
      telltaleFragments(value).some((fragment) => text.includes(fragment))
        ? [`issued value ${index} in ${where}`]
        : [],
    ),
  );
}
