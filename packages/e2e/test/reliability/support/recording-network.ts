// A network module that keeps every token the authority hands out, so a hygiene test can prove
// none of them shows up in a log line or an error.
import type { NetworkModule, NetworkRequestOptions } from "@entrakit/transport";

const tokenFields = ["access_token", "refresh_token", "id_token"];

/** Wraps `inner`; every token in a response body is pushed onto `issued`. */
export function recordingNetwork(inner: NetworkModule, issued: string[]): NetworkModule {
  const keep = (body: unknown) => {
    if (typeof body !== "object" || body === null) return;
    for (const field of tokenFields) {
      const value = (body as Record<string, unknown>)[field];
      if (typeof value === "string" && value.length > 0) issued.push(value);
    }
  };
  return {
    async sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number) {
      const response = await inner.sendGetRequestAsync<T>(url, options, timeout);
      keep(response.body);
      return response;
    },
    async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions) {
      const response = await inner.sendPostRequestAsync<T>(url, options);
      keep(response.body);
      return response;
    },
  };
}

/**
 * The pieces of an issued value that would betray it: the whole value and, for a JWT, its
 * payload and signature (headers are shared by every token); otherwise its 16-character ends.
 */
export function telltaleFragments(value: string): string[] {
  const parts = value.split(".");
  if (parts.length === 3)
    return [value, parts[1] ?? "", parts[2] ?? ""].filter((p) => p.length >= 16);
  return [value, value.slice(0, 16), value.slice(-16)].filter((p) => p.length >= 8);
}
