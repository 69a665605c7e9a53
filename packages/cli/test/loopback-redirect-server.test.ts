import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { escapeHtml, LoopbackRedirectServer } from "../src/loopback-redirect-server";
import { followToLoopback, send } from "./helpers/browser";

let server: LoopbackRedirectServer;
beforeEach(async () => {
  server = await LoopbackRedirectServer.start();
});
afterEach(() => server.close());

describe("LoopbackRedirectServer", () => {
  it("listens on 127.0.0.1 and names http://localhost:<port> as the redirect URI", () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.redirectUri).toBe(`http://localhost:${server.port}`);
  });

  it("answers anything that is not an authorization response with 404, without handing it over", async () => {
    const favicon = await followToLoopback(`${server.redirectUri}/favicon.ico`);
    const bare = await followToLoopback(`${server.redirectUri}/`);
    const post = await send(new URL(`http://127.0.0.1:${server.port}/?code=x&state=y`), {
      method: "POST",
    });
    expect([favicon.status, bare.status, post.status]).toEqual([404, 404, 404]);
    const controller = new AbortController();
    const next = server.next(controller.signal);
    controller.abort(new Error("nothing came"));
    await expect(next).rejects.toThrow("nothing came");
  });

  it("hands over a response and answers with an escaped page that loads nothing", async () => {
    const answer = followToLoopback(`${server.redirectUri}/?code=c&state=s`);
    const request = await server.next();
    expect(request.url.searchParams.get("code")).toBe("c");
    request.reply(200, "Signed in", "<script>alert(1)</script>");
    request.reply(500, "ignored", "only the first reply counts");
    const page = await answer;
    expect(page.status).toBe(200);
    expect(page.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.body).not.toContain("<script>");
    expect(page.headers["content-security-policy"]).toBe("default-src 'none'");
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    expect(page.headers["cache-control"]).toBe("no-store");
  });

  it("queues responses that arrive before anyone waits", async () => {
    const first = followToLoopback(`${server.redirectUri}/?state=a&code=1`);
    const second = followToLoopback(`${server.redirectUri}/?state=b&code=2`);
    const a = await server.next();
    const b = await server.next();
    expect([a.url.searchParams.get("code"), b.url.searchParams.get("code")].sort()).toEqual([
      "1",
      "2",
    ]);
    a.reply(400, "x", "y");
    b.reply(400, "x", "y");
    await Promise.all([first, second]);
  });

  it("answers an unanswered request on close and stops listening", async () => {
    const answer = followToLoopback(`${server.redirectUri}/?code=c&state=s`);
    await server.next();
    await server.close();
    expect((await answer).status).toBe(503);
    await expect(followToLoopback(`${server.redirectUri}/?code=c`)).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
  });
});

describe("escapeHtml", () => {
  it("escapes the five HTML-special characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });
});
