import { describe, expect, it } from "vitest";
import { requestHeaders } from "../src/request-headers.js";

describe("requestHeaders", () => {
  it("keeps MSAL's headers, drops framing ones, sets Content-Length for the body", () => {
    const headers = requestHeaders(
      {
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": "3",
        Host: "evil",
        "x-client-SKU": "msal",
      },
      "ab€",
      "entrakit-transport/1.0",
    );
    expect(headers).toEqual({
      "Content-Type": "application/x-www-form-urlencoded",
      "x-client-SKU": "msal",
      "user-agent": "entrakit-transport/1.0",
      "content-length": "5",
    });
  });

  it("puts the transport's user agent before the caller's", () => {
    expect(requestHeaders({ "User-Agent": "msal/3" }, undefined, "ours/1")["user-agent"]).toBe(
      "ours/1 msal/3",
    );
  });

  it("sends no Content-Length without a body", () => {
    expect(requestHeaders(undefined, undefined, "ours/1")).toEqual({ "user-agent": "ours/1" });
  });
});
