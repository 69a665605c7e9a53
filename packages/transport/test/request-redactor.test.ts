import { describe, expect, it } from "vitest";
import { requestRedactor } from "../src/request-redactor.js";

describe("requestRedactor", () => {
  it("removes the exact form values of the body, plain or encoded, wherever they appear", () => {
    const body = new URLSearchParams({
      grant_type: "authorization_code",
      client_id: "11111111-2222-3333-4444-555555555555",
      code: "0.AXk/odd+code==",
      client_secret: "s3cret~value",
    }).toString();
    const redactText = requestRedactor(body);
    const echoed = `<td>0.AXk/odd+code==</td><td>${encodeURIComponent("0.AXk/odd+code==")}</td><i>s3cret~value</i>`;
    const out = redactText(echoed);
    expect(out).not.toContain("odd+code");
    expect(out).not.toContain("odd%2Bcode");
    expect(out).not.toContain("s3cret");
  });

  it("keeps identifying fields readable", () => {
    const redactText = requestRedactor(
      "grant_type=authorization_code&client_id=my-client-id&scope=openid",
    );
    expect(redactText("grant authorization_code for my-client-id")).toBe(
      "grant authorization_code for my-client-id",
    );
  });

  it("falls back to pattern redaction without a body", () => {
    expect(requestRedactor(undefined)("x code=abcdef")).toBe("x code=[redacted]");
  });
});
