import { TestkitError } from "../testkit-error.js";
import { collectErrorTexts } from "./collect-error-texts.js";
import { captureAzureLogs, LogCapture } from "./log-capture.js";
import { generateSecret, leakForms, type PlantedSecret } from "./planted-secret.js";
import { type SecretFinding, SecretLeakError } from "./secret-leak-error.js";

/**
 * What {@link SecretScanner.assertClean} scans: text, a {@link LogCapture} (each line), or any
 * other value scanned like an error (`inspect`, message, stack, own properties, causes).
 */
export type ScanSource = string | LogCapture | unknown;

/** Plants unique secrets and proves they never reach log lines or errors. */
export interface SecretScanner {
  /**
   * Returns a fresh secret to hand to the code under test as a client secret, code or token:
   * 36 base64url characters starting with `pLnT`, unique per call.
   *
   * @param label - how findings name it. @defaultValue `"secret-<n>"`
   */
  plant(label?: string): string;
  /** The secrets planted so far, with their labels. */
  readonly planted: readonly PlantedSecret[];
  /** Captures `@azure/logger` output at `verbose` until disposed (see {@link LogCapture}). */
  captureLogs(): LogCapture;
  /**
   * The findings of planted secrets in `text`.
   * @param where - how findings name the place. @defaultValue `"text"`
   */
  scanText(text: string, where?: string): SecretFinding[];
  /**
   * The findings of planted secrets anywhere in `error`: `util.inspect(error, { depth: null,
   * showHidden: true })`, message, stack, and every own property recursively, `cause` included.
   * @param where - a prefix for the findings' paths (`<where>: error.cause.message`).
   */
  scanError(error: unknown, where?: string): SecretFinding[];
  /**
   * Scans every source and throws when a planted secret is found.
   *
   * @throws SecretLeakError (`secret_leaked`) naming each label and place, never the secret.
   * @throws TestkitError (`nothing_to_scan`) when no secret was planted or no source was given,
   * because such a check could never fail.
   */
  assertClean(...sources: ScanSource[]): void;
}

/**
 * Creates a secret scanner for one test.
 *
 * @example
 * ```ts
 * const scanner = createSecretScanner();
 * const secret = scanner.plant("client-secret");
 * using logs = scanner.captureLogs();
 * const error = await credential.getToken(scope).catch((e: unknown) => e);
 * scanner.assertClean(logs, error);
 * ```
 */
export function createSecretScanner(): SecretScanner {
  const planted: PlantedSecret[] = [];
  const labels = new Set<string>();

  const scanText = (text: string, where = "text"): SecretFinding[] => {
    const findings: SecretFinding[] = [];
    for (const secret of planted) {
      const hit = leakForms(secret.value).find((form) => text.includes(form.text));
      if (hit) findings.push({ label: secret.label, where, form: hit.form });
    }
    return findings;
  };

  const scanError = (error: unknown, where?: string): SecretFinding[] =>
    collectErrorTexts(error).flatMap((located) =>
      scanText(located.text, where === undefined ? located.where : `${where}: ${located.where}`),
    );

  return {
    plant(label) {
      let name = label ?? `secret-${planted.length + 1}`;
      // Labels identify findings, so a repeated label gets a suffix instead of becoming ambiguous.
      for (let n = 2; labels.has(name); n++) name = `${label}-${n}`;
      labels.add(name);
      const value = generateSecret();
      planted.push({ label: name, value });
      return value;
    },
    get planted() {
      return planted;
    },
    captureLogs: captureAzureLogs,
    scanText,
    scanError,
    assertClean(...sources) {
      if (planted.length === 0 || sources.length === 0) {
        throw new TestkitError(
          `SecretScanner: assertClean has nothing to check (${planted.length} secrets planted, ${sources.length} sources given). Plant a secret with plant() and pass the logs and errors to scan.`,
          "nothing_to_scan",
        );
      }
      const findings = sources.flatMap((source, index) => {
        const name = `source ${index + 1}`;
        if (typeof source === "string") return scanText(source, `${name}: text`);
        if (source instanceof LogCapture) {
          return source.lines.flatMap((line, n) => scanText(line, `${name}: log line ${n + 1}`));
        }
        return scanError(source, name);
      });
      if (findings.length > 0) throw new SecretLeakError(findings);
    },
  };
}
