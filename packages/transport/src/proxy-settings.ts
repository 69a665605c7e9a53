// Works out which proxy, if any, a request goes through: the `proxy` option, else the
// environment. Proxy credentials stay inside the returned object and never reach a message.
import { InvalidArgumentError } from "@entrakit/core";
import { component } from "./logger.js";
import { isLoopbackHost, isProxyBypassed } from "./no-proxy.js";

/** An explicit proxy. */
export interface ProxyOptions {
  /**
   * The proxy URL, `http://[user:password@]host:port` (or `https://` for a TLS proxy). Basic
   * credentials in the URL are sent as `Proxy-Authorization` and never logged.
   */
  url: string;
  /**
   * Hosts reached directly, in NO_PROXY syntax (see the README).
   * @defaultValue the `NO_PROXY` (or `no_proxy`) environment variable
   */
  noProxy?: string;
}

/** A resolved proxy: where to connect and what to send it. */
export interface ProxyEndpoint {
  /** `http:` or `https:` (a TLS connection to the proxy itself). */
  readonly protocol: "http:" | "https:";
  readonly hostname: string;
  readonly port: number;
  /** `Basic ...` for the `Proxy-Authorization` header, when the URL held credentials. */
  readonly authorization?: string;
}

/** Chooses the proxy for each request. */
export interface ProxySelector {
  /** The proxy for `target`, or `undefined` to connect directly. */
  select(target: URL): ProxyEndpoint | undefined;
}

const environmentProxyVariables = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"];

/**
 * Builds the proxy selector from the `proxy` option and the environment (read once, here).
 * An environment proxy never applies to loopback hosts; an explicit one applies to every host
 * outside its `noProxy` list.
 *
 * @throws InvalidArgumentError when the proxy URL is malformed.
 */
export function createProxySelector(
  option: ProxyOptions | false | undefined,
  env: Record<string, string | undefined>,
): ProxySelector | undefined {
  if (option === false) return undefined;
  const noProxyFromEnv = nonEmpty(env.NO_PROXY) ?? nonEmpty(env.no_proxy);
  if (option !== undefined) {
    const endpoint = parseProxyUrl(option.url, "the proxy.url option");
    const noProxy = option.noProxy ?? noProxyFromEnv;
    return { select: (target) => (isProxyBypassed(target, noProxy) ? undefined : endpoint) };
  }
  for (const name of environmentProxyVariables) {
    const value = nonEmpty(env[name]);
    if (value === undefined) continue;
    const endpoint = parseProxyUrl(value, `the ${name} environment variable`);
    return {
      select: (target) =>
        isLoopbackHost(target) || isProxyBypassed(target, noProxyFromEnv) ? undefined : endpoint,
    };
  }
  return undefined;
}

function parseProxyUrl(value: string, source: string): ProxyEndpoint {
  // Proxy variables are often written without a scheme ("proxy.corp:8080").
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidArgumentError(
      `${component}: ${source} is not a valid URL. Set it to http://host:port.`,
      "invalid_option",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidArgumentError(
      `${component}: ${source} uses ${url.protocol.slice(0, 20)}, not http: or https:. Set it to http://host:port.`,
      "invalid_option",
    );
  }
  const endpoint: ProxyEndpoint = {
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port),
  };
  if (url.username === "" && url.password === "") return endpoint;
  const user = `${decodeComponent(url.username)}:${decodeComponent(url.password)}`;
  return { ...endpoint, authorization: `Basic ${Buffer.from(user).toString("base64")}` };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
