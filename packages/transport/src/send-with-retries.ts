// The retry loop of one request: attempts, backoff, the POST safety rule, the time budget, the
// abort signal, diagnostics and logging. One attempt's I/O lives in send-attempt.ts.
import type * as tls from "node:tls";
import {
  type AbortSignalLike,
  AuthenticationError,
  type Clock,
  formatLogLine,
  redactUrl,
} from "@entrakit/core";
import { currentAbortSignal } from "./abort-context.js";
import { type AttemptRecord, type AttemptStopReason, attachAttempts } from "./attempt-record.js";
import { abortReason, linkSignals } from "./link-signals.js";
import { component, logger } from "./logger.js";
import { networkError } from "./network-error.js";
import type { NetworkRequestOptions, NetworkResponse } from "./network-module.js";
import { parseResponseBody } from "./parse-response-body.js";
import type { ProxySelector } from "./proxy-settings.js";
import { requestHeaders } from "./request-headers.js";
import { requestRedactor } from "./request-redactor.js";
import {
  backoffDelayMs,
  isRetryableFailure,
  isRetryableStatus,
  serverRetryDelayMs,
} from "./retry-policy.js";
import { type AttemptResult, sendAttempt } from "./send-attempt.js";
import { currentTransportDiagnostics } from "./transport-context.js";

/** The validated configuration of one network module. */
export interface TransportSettings {
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly maxTotalTimeMs: number;
  readonly retryPostAfterSend: boolean;
  readonly abortSignal: AbortSignalLike | undefined;
  readonly onAttempt: ((record: AttemptRecord) => void) | undefined;
  readonly clock: Clock;
  readonly random: () => number;
  readonly proxy: ProxySelector | undefined;
  readonly secureContext: tls.SecureContext | undefined;
  readonly userAgent: string;
}

/** One request as MSAL asked for it. */
export interface RequestSpec {
  readonly method: "GET" | "POST";
  readonly target: URL;
  readonly options: NetworkRequestOptions | undefined;
  /** MSAL's own GET timeout: it replaces the configured one and marks the request a probe. */
  readonly timeoutOverride: number | undefined;
}

// A token endpoint answer is a few kilobytes; anything far larger is not one.
const maxResponseBytes = 1024 * 1024;
// A retry is not worth starting with less time than this (or than a whole attempt) left.
const minimumRetryWindowMs = 1000;

/**
 * Sends `spec` with retries and returns the response MSAL should see.
 *
 * @throws AuthenticationError with code `network_error`, `timeout`, `invalid_response` or
 * `aborted`, carrying `attempts` and `mayHaveReachedServer`.
 */
export async function sendWithRetries<T>(
  settings: TransportSettings,
  spec: RequestSpec,
): Promise<NetworkResponse<T>> {
  const { clock } = settings;
  const where = displayUrl(spec.target);
  const logFacts = { host: spec.target.host, path: spec.target.pathname };
  const body = spec.method === "POST" ? (spec.options?.body ?? "") : undefined;
  const headers = requestHeaders(spec.options?.headers, body, settings.userAgent);
  const probe = spec.timeoutOverride !== undefined;
  const timeoutMs = spec.timeoutOverride ?? settings.timeoutMs;
  const linked = linkSignals([settings.abortSignal, currentAbortSignal()]);
  const signal = linked.signal;
  const attempts: AttemptRecord[] = [];
  const deadline = clock.now() + settings.maxTotalTimeMs;
  let attemptTimeoutMs = Math.min(timeoutMs, settings.maxTotalTimeMs);

  const aborted = (): AuthenticationError =>
    attachAttempts(
      new AuthenticationError(0, undefined, {
        code: "aborted",
        message: `${component}: ${spec.method} ${where} was aborted by the caller's abort signal. Nothing to fix unless the abort was unexpected.`,
        cause: signal === undefined ? undefined : abortReason(signal),
      }),
      attempts,
    );

  try {
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw aborted();
      const result = await sendAttempt({
        method: spec.method,
        target: spec.target,
        headers,
        body,
        timeoutMs: attemptTimeoutMs,
        signal,
        secureContext: settings.secureContext,
        proxy: settings.proxy?.select(spec.target),
        maxResponseBytes,
      });
      const outcome = judge(result, spec.method, settings.retryPostAfterSend, probe);
      let delayMs: number | undefined;
      let stopReason = outcome.stopReason;
      if (stopReason === undefined && attempt > settings.maxRetries) stopReason = "max_retries";
      if (stopReason === undefined) {
        const asked =
          result.kind === "response"
            ? serverRetryDelayMs(result.raw.headers, clock.now())
            : undefined;
        delayMs = Math.min(
          asked ??
            backoffDelayMs(
              attempt,
              settings.retryDelayMs,
              settings.maxRetryDelayMs,
              settings.random,
            ),
          settings.maxRetryDelayMs,
        );
        const remaining = deadline - (clock.now() + delayMs);
        if (remaining >= Math.min(timeoutMs, minimumRetryWindowMs)) {
          attemptTimeoutMs = Math.min(timeoutMs, remaining);
        } else {
          stopReason = "time_budget";
          delayMs = undefined;
        }
      }
      const record = attemptRecord(attempt, spec.method, where, result, delayMs, stopReason);
      attempts.push(record);
      report(settings.onAttempt, record);
      if (delayMs === undefined) {
        if (result.kind === "failure" && result.errorKind === "aborted") throw aborted();
        const facts = {
          method: spec.method,
          ...logFacts,
          status: record.status,
          error: record.errorKind,
          attempts: attempt,
          reason: stopReason,
        };
        try {
          const response = finalResponse<T>(result, attempts, spec, where, body);
          if (attempt > 1) logger.verbose(formatLogLine(component, "request", "done", facts));
          return response;
        } catch (error) {
          const code = (error as { code?: string }).code;
          logger.verbose(formatLogLine(component, "request", "failed", { ...facts, code }));
          throw error;
        }
      }
      logger.verbose(
        formatLogLine(component, "request", "retrying", {
          method: spec.method,
          ...logFacts,
          status: record.status,
          error: record.errorKind,
          attempt,
          delayMs,
        }),
      );
      try {
        await clock.sleep(delayMs, signal);
      } catch {
        throw aborted();
      }
    }
  } finally {
    linked.dispose();
  }
}

interface Judgement {
  /** Set when this attempt must be the last. */
  readonly stopReason?: AttemptStopReason;
}

function judge(
  result: AttemptResult,
  method: "GET" | "POST",
  retryPostAfterSend: boolean,
  probe: boolean,
): Judgement {
  if (result.kind === "failure" && result.errorKind === "aborted") return { stopReason: "aborted" };
  const failed =
    result.kind === "response"
      ? isRetryableStatus(result.raw.status) || !result.raw.complete
      : isRetryableFailure(result.errorKind, result.errorCode);
  if (!failed)
    return { stopReason: result.kind === "response" ? "final_response" : "not_retryable" };
  // MSAL passes a timeout only to probe IMDS for the Azure region; it treats any failure as "no
  // region", so retrying would only delay the token request.
  if (probe) return { stopReason: "probe" };
  const reached = result.kind === "response" || result.mayHaveReachedServer;
  if (method === "POST" && reached && !retryPostAfterSend) {
    return { stopReason: "post_may_have_reached_server" };
  }
  return {};
}

function attemptRecord(
  attempt: number,
  method: "GET" | "POST",
  url: string,
  result: AttemptResult,
  retryDelayMs: number | undefined,
  stopReason: AttemptStopReason | undefined,
): AttemptRecord {
  const what =
    result.kind === "response"
      ? {
          status: result.raw.status,
          ...(result.raw.complete ? {} : { errorKind: "truncated_body" as const }),
          mayHaveReachedServer: true,
        }
      : {
          errorKind: result.errorKind,
          ...(result.errorCode === undefined ? {} : { errorCode: result.errorCode }),
          mayHaveReachedServer: result.mayHaveReachedServer,
        };
  return Object.freeze({
    attempt,
    method,
    url,
    ...what,
    ...(retryDelayMs === undefined ? {} : { retryDelayMs }),
    ...(stopReason === undefined ? {} : { stopReason }),
  });
}

function finalResponse<T>(
  result: AttemptResult,
  attempts: readonly AttemptRecord[],
  spec: RequestSpec,
  where: string,
  body: string | undefined,
): NetworkResponse<T> {
  if (result.kind === "failure") throw networkError(result, attempts, spec.method, where);
  try {
    const parsed = parseResponseBody(result.raw, { where, redactText: requestRedactor(body) });
    return { status: result.raw.status, headers: result.raw.headers, body: parsed as T };
  } catch (error) {
    throw attachAttempts(error as Error, attempts);
  }
}

/** Scheme, host and path: no credentials, and the query (which may hold a code) replaced. */
function displayUrl(target: URL): string {
  return redactUrl(`${target.origin}${target.pathname}${target.search}`);
}

function report(onAttempt: ((record: AttemptRecord) => void) | undefined, record: AttemptRecord) {
  currentTransportDiagnostics()?.attempts.push(record);
  if (onAttempt === undefined) return;
  try {
    onAttempt(record);
  } catch {
    // A diagnostics callback must not change the request's outcome.
  }
}
