// The shape of MSAL's `INetworkModule`, declared here so testkit needs no MSAL dependency.
// Structural typing lets a FakeNetworkModule go wherever MSAL (or transport) expects one.

/** Options MSAL passes with a request (structurally MSAL's `NetworkRequestOptions`). */
export interface NetworkRequestOptions {
  /** Request headers. */
  headers?: Record<string, string>;
  /** The request body; MSAL sends `application/x-www-form-urlencoded` text. */
  body?: string;
  /** MSAL's correlation id for the request, when it sends one. */
  correlationId?: string;
}

/** A response as MSAL expects it (structurally MSAL's `NetworkResponse<T>`). */
export interface NetworkResponse<T> {
  /** Response headers; lower-case names. */
  headers: Record<string, string>;
  /** The parsed JSON body. */
  body: T;
  /** The HTTP status. */
  status: number;
}

/** Structurally MSAL's `INetworkModule`: what `system.networkClient` accepts. */
export interface NetworkModule {
  /** Sends a GET request (instance discovery, OpenID configuration). */
  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>>;
  /** Sends a POST request (the token endpoint). */
  sendPostRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>>;
}
