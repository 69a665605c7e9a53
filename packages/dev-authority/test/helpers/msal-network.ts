// An MSAL INetworkModule over node:https that trusts the dev authority's CA (MSAL's own client
// cannot take a custom CA).
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import { request } from "./https-client.js";

export function createMsalNetworkModule(ca: string): INetworkModule {
  const send = async <T>(
    method: string,
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    const response = await request(url, {
      ca,
      method,
      headers: options?.headers,
      body: options?.body,
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    return { status: response.status, headers, body: JSON.parse(response.body) as T };
  };
  return {
    sendGetRequestAsync: (url, options) => send("GET", url, options),
    sendPostRequestAsync: (url, options) => send("POST", url, options),
  };
}
