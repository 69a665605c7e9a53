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
