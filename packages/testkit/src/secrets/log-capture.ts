import { format } from "node:util";
import { AzureLogger, type AzureLogLevel, getLogLevel, setLogLevel } from "@azure/logger";

/**
 * Captures every line written through `@azure/logger` (all Azure SDK and entrakit loggers) at
 * `verbose`, instead of writing it to stderr. Undo with {@link LogCapture.dispose} or `using`.
 */
export class LogCapture implements Disposable {
  readonly #lines: string[] = [];
  readonly #previousLog: (...args: unknown[]) => void;
  readonly #previousLevel: AzureLogLevel | undefined;
  #disposed = false;

  /** Starts capturing: sets the log level to `verbose` and redirects `AzureLogger.log`. */
  constructor() {
    this.#previousLog = AzureLogger.log;
    this.#previousLevel = getLogLevel();
    // Formatted like @azure/logger's own stderr writer, so the text is exactly what users see.
    AzureLogger.log = (...args: unknown[]) => {
      this.#lines.push(format(...args));
    };
    setLogLevel("verbose");
  }

  /** The captured lines, in the order they were written. */
  get lines(): readonly string[] {
    return this.#lines;
  }

  /** The captured lines joined with newlines. */
  get text(): string {
    return this.#lines.join("\n");
  }

  /** True once {@link LogCapture.dispose} has run. */
  get disposed(): boolean {
    return this.#disposed;
  }

  /**
   * Stops capturing and restores the previous log level and `AzureLogger.log`. Idempotent.
   * Nested captures must be disposed in reverse order of creation.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    AzureLogger.log = this.#previousLog;
    setLogLevel(this.#previousLevel);
  }

  /** The same as {@link LogCapture.dispose}, for `using`. */
  [Symbol.dispose](): void {
    this.dispose();
  }
}

/**
 * Starts capturing `@azure/logger` output at `verbose`.
 *
 * @example
 * ```ts
 * using logs = captureAzureLogs();
 * await credential.getToken(scope).catch(() => {});
 * expect(logs.lines.some((line) => line.includes("cache=miss"))).toBe(true);
 * ```
 */
export function captureAzureLogs(): LogCapture {
  return new LogCapture();
}
