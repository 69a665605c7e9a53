import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { matchesUrl, urlWithoutQuery } from "../../src/network/url-pattern.js";

const segment = fc.stringMatching(/^[a-z0-9.-]{1,10}$/);
const url = fc
  .tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 20 }))
  .map(([path, query]) => `https://host.example/${path.join("/")}?${encodeURIComponent(query)}`);

describe("url patterns", () => {
  test("a URL matches its own base and every path suffix, whatever its query", () => {
    fc.assert(
      fc.property(url, (u) => {
        const base = urlWithoutQuery(u);
        expect(base).not.toContain("?");
        expect(matchesUrl(base, u)).toBe(true);
        const path = base.slice("https://host.example".length);
        expect(matchesUrl(path, u)).toBe(true);
      }),
    );
  });

  test("a string pattern does not match a longer path or another host", () => {
    expect(matchesUrl("https://a.example/t/token", "https://a.example/t/token/more")).toBe(false);
    expect(matchesUrl("https://a.example/t/token", "https://b.example/t/token")).toBe(false);
  });

  test("urlWithoutQuery drops the query and fragment", () => {
    expect(urlWithoutQuery("https://h/p?code=abc#x")).toBe("https://h/p");
    expect(urlWithoutQuery("https://h/p#code=abc")).toBe("https://h/p");
    expect(urlWithoutQuery("https://h/p")).toBe("https://h/p");
  });
});
