import { TestkitError } from "../testkit-error.js";
import type { LeakForm } from "./planted-secret.js";

/** Where a planted secret was found. Never holds the secret itself. */
export interface SecretFinding {
  /** The label the secret was planted with. */
  readonly label: string;
  /** Where it was found, e.g. `source 2: error.cause.message` or `source 1: log line 4`. */
  readonly where: string;
  /** Whether the whole secret, a fragment of it, or an encoding of it was found. */
  readonly form: LeakForm;
}

const listed = 8;

/**
 * Thrown by `SecretScanner.assertClean` when a planted secret shows up. Its message and
 * properties name the label and the place, never the secret.
 */
export class SecretLeakError extends TestkitError {
  /** Every place a planted secret was found. */
  readonly findings: readonly SecretFinding[];

  /** @param findings - at least one finding. */
  constructor(findings: readonly SecretFinding[]) {
    const shown = findings
      .slice(0, listed)
      .map((f) => `"${f.label}" in ${f.where}${f.form === "exact" ? "" : ` (${f.form})`}`);
    const more = findings.length > listed ? `, and ${findings.length - listed} more` : "";
    super(
      `SecretScanner: ${findings.length === 1 ? "a planted secret leaked" : `planted secrets leaked ${findings.length} times`}: ${shown.join("; ")}${more}. Redact the value before it reaches that message, log line or property.`,
      "secret_leaked",
    );
    this.name = "SecretLeakError";
    this.findings = findings;
  }
}
