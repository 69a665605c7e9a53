// Decides whether a request bypasses the proxy, from a NO_PROXY-style list. The rule, matching
// curl and Go where they agree:
//   `*`                      every host
//   `example.com`, `.example.com`, `*.example.com`
//                            that domain and every subdomain
//   `host:port`, `[v6]:port` that host on that port only
//   `10.1.2.3`, `::1`        that IP address exactly (written as the URL writes it)
//   `10.0.0.0/8`             IPv4 addresses in that CIDR block
// Entries are separated by commas or whitespace and compared case-insensitively.
import { isIPv4 } from "node:net";

interface NoProxyEntry {
  readonly host: string;
  readonly port?: number;
}

/**
 * True when `target` must be reached directly according to `noProxy`.
 *
 * @param target - The request URL.
 * @param noProxy - A NO_PROXY-style list; undefined or empty bypasses nothing.
 */
export function isProxyBypassed(target: URL, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false;
  const host = hostOf(target);
  const port = portOf(target);
  for (const raw of noProxy.split(/[\s,]+/)) {
    const text = raw.trim().toLowerCase();
    if (text === "") continue;
    if (text === "*") return true;
    const entry = parseEntry(text);
    if (entry.port !== undefined && entry.port !== port) continue;
    if (matchesHost(host, entry.host)) return true;
  }
  return false;
}

/**
 * True for hosts that name this machine: a proxy elsewhere cannot reach them, so an
 * environment-configured proxy never applies to them.
 */
export function isLoopbackHost(target: URL): boolean {
  const host = hostOf(target);
  if (host === "localhost" || host.endsWith(".localhost") || host === "::1") return true;
  return isIPv4(host) && host.startsWith("127.");
}

function parseEntry(text: string): NoProxyEntry {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return withPort(bracketed[1] ?? "", bracketed[2]);
  const hostPort = /^([^:]+):(\d+)$/.exec(text);
  if (hostPort) return withPort(hostPort[1] ?? "", hostPort[2]);
  return { host: text };
}

function withPort(host: string, port: string | undefined): NoProxyEntry {
  return port === undefined ? { host } : { host, port: Number(port) };
}

function matchesHost(host: string, pattern: string): boolean {
  if (pattern.includes("/")) return inCidr(host, pattern);
  const domain = pattern.replace(/^\*?\./, "");
  if (domain === "") return false;
  if (host === domain) return true;
  // A suffix only matches whole labels, and IP addresses have no subdomains.
  return !isIPv4(host) && !host.includes(":") && host.endsWith(`.${domain}`);
}

function inCidr(host: string, cidr: string): boolean {
  const [network = "", bitsText = ""] = cidr.split("/");
  const bits = Number(bitsText);
  if (!isIPv4(host) || !isIPv4(network) || !/^\d+$/.test(bitsText) || bits > 32) return false;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (ipv4Number(host) & mask) >>> 0 === (ipv4Number(network) & mask) >>> 0;
}

function ipv4Number(address: string): number {
  return address.split(".").reduce((sum, octet) => sum * 256 + Number(octet), 0);
}

function hostOf(target: URL): string {
  return target.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
}

function portOf(target: URL): number {
  if (target.port !== "") return Number(target.port);
  return target.protocol === "http:" ? 80 : 443;
}
