// MSAL's network seam, declared structurally so this package needs no MSAL dependency. The
// credential packages prove with a type test that these shapes fit MSAL's `INetworkModule`.

/** What MSAL passes with a request: headers and, for POST, the form-encoded body. */
export interface NetworkRequestOptions {
  /** Request headers; MSAL's own headers are sent unchanged. */
  headers?: Record<string, string>;
  /** The request body (MSAL sends `application/x-www-form-urlencoded` text). */
  body?: string;
}

/** A response as MSAL reads it: lower-case header names, the parsed JSON body, the status. */
export interface NetworkResponse<T> {
  /** Response headers with lower-case names; repeated headers joined with `", "`. */
  headers: Record<string, string>;
  /** The parsed JSON body (`{}` when the body was empty). */
  body: T;
  /** The HTTP status code. */
  status: number;
}

/**
 * The HTTP client MSAL calls through `system.networkClient`; structurally MSAL's
 * `INetworkModule`. Every HTTP response with a JSON body is returned, whatever its status,
 * because MSAL turns Entra error bodies into its own errors.
 */
export interface NetworkModule {
  /**
   * Sends a GET request.
   *
   * @param url - The absolute URL.
   * @param options - Headers to send.
   * @param timeout - A per-request timeout in milliseconds that replaces the configured one.
   */
  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>>;
  /**
   * Sends a POST request.
   *
   * @param url - The absolute URL.
   * @param options - Headers and body to send.
   */
  sendPostRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>>;
}
