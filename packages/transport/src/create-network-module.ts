import { InvalidArgumentError, systemClock } from "@entrakit/core";
import { attachAttempts } from "./attempt-record.js";
import { createTrustStore } from "./certificate-authorities.js";
import { component } from "./logger.js";
import type { NetworkModule, NetworkRequestOptions } from "./network-module.js";
import { createProxySelector } from "./proxy-settings.js";
import { type RequestSpec, sendWithRetries, type TransportSettings } from "./send-with-retries.js";
import { currentTransportDiagnostics } from "./transport-context.js";
import { type TransportOptions, transportDefaults } from "./transport-options.js";
import { userAgent } from "./user-agent.js";

/**
 * Creates the HTTP transport a credential gives MSAL as `system.networkClient`: node:https with
 * timeouts, retries (exponential backoff with full jitter, `Retry-After`), abort signals, proxy
 * tunnelling, extra CAs and redacted logging. Every response with a JSON body is returned,
 * whatever its status, so MSAL can read Entra's error; the transport throws only when nothing
 * usable arrived.
 *
 * @param options - See {@link TransportOptions}; the environment is read once, here.
 * @returns A network module; it holds no sockets between requests.
 * @throws InvalidArgumentError (a `RangeError`) naming the option when an option is invalid,
 * the `ca` holds no certificate, or a proxy URL is malformed.
 * @example
 * ```ts
 * const networkClient = createNetworkModule({ timeoutMs: 10_000, retryPostAfterSend: false });
 * const app = new ConfidentialClientApplication({
 *   auth: { clientId, authority, clientSecret },
 *   system: { networkClient },
 * });
 * const result = await runWithAbortSignal(signal, () => app.acquireTokenByCode(request));
 * ```
 *
 * Requests made by the returned module reject with an `AuthenticationError` whose `code` is
 * `network_error`, `timeout` or `aborted` (status 0), or `invalid_response` (the status that
 * arrived); each carries `attempts` and `mayHaveReachedServer` (see `transportDetailsOf`).
 */
export function createNetworkModule(options: TransportOptions = {}): NetworkModule {
  const env = options.env ?? process.env;
  const settings: TransportSettings = {
    timeoutMs: positive(options.timeoutMs, "timeoutMs", transportDefaults.timeoutMs),
    maxRetries: count(options.maxRetries, "maxRetries", transportDefaults.maxRetries),
    retryDelayMs: nonNegative(options.retryDelayMs, "retryDelayMs", transportDefaults.retryDelayMs),
    maxRetryDelayMs: nonNegative(
      options.maxRetryDelayMs,
      "maxRetryDelayMs",
      transportDefaults.maxRetryDelayMs,
    ),
    maxTotalTimeMs: positive(
      options.maxTotalTimeMs,
      "maxTotalTimeMs",
      transportDefaults.maxTotalTimeMs,
    ),
    retryPostAfterSend: options.retryPostAfterSend ?? transportDefaults.retryPostAfterSend,
    abortSignal: options.abortSignal,
    onAttempt: options.onAttempt,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    proxy: createProxySelector(options.proxy, env),
    secureContext: createTrustStore(options.ca, env),
    userAgent: userAgent(options.userAgentPrefix),
  };
  return {
    async sendGetRequestAsync(
      url: string,
      requestOptions?: NetworkRequestOptions,
      timeout?: number,
    ) {
      // MSAL passes 0 or nothing when it has no timeout of its own.
      const timeoutOverride =
        timeout !== undefined && Number.isFinite(timeout) && timeout > 0 ? timeout : undefined;
      return observed(() =>
        sendWithRetries(settings, spec("GET", url, requestOptions, timeoutOverride)),
      );
    },
    async sendPostRequestAsync(url: string, requestOptions?: NetworkRequestOptions) {
      return observed(() =>
        sendWithRetries(settings, spec("POST", url, requestOptions, undefined)),
      );
    },
  };
}

// Reports a rejection to the caller's transport context before MSAL swallows it.
async function observed<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof Error) currentTransportDiagnostics()?.errors.push(error);
    throw error;
  }
}

function spec(
  method: "GET" | "POST",
  url: string,
  options: NetworkRequestOptions | undefined,
  timeoutOverride: number | undefined,
): RequestSpec {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw attachAttempts(
      new InvalidArgumentError(
        `${component}: the ${method} URL is not an absolute URL. Check the authority host.`,
        "invalid_url",
      ),
      [],
    );
  }
  if (target.protocol !== "https:" && target.protocol !== "http:") {
    throw attachAttempts(
      new InvalidArgumentError(
        `${component}: the ${method} URL uses ${target.protocol.slice(0, 20)}, not https:. Check the authority host.`,
        "invalid_url",
      ),
      [],
    );
  }
  return { method, target, options, timeoutOverride };
}

function positive(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(
      `${component}: the ${name} option must be a positive number of milliseconds. Pass e.g. 30000.`,
      "invalid_option",
    );
  }
  return value;
}

function nonNegative(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError(
      `${component}: the ${name} option must be zero or a positive number of milliseconds. Pass e.g. ${fallback}.`,
      "invalid_option",
    );
  }
  return value;
}

function count(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError(
      `${component}: the ${name} option must be a whole number of zero or more. Pass e.g. ${fallback}.`,
      "invalid_option",
    );
  }
  return value;
}
