// `GET /{tenant}/oauth2/v2.0/logout`: ends the browser session, then returns to the app.
import { endBrowserSession } from "./authorize-response.js";
import { renderMessagePage } from "./html-pages.js";
import type { RequestContext } from "./request-context.js";

/** @internal */
export function handleLogout(ctx: RequestContext): void {
  ctx.resolveTenant();
  const headers = endBrowserSession(ctx);
  const target = ctx.param("post_logout_redirect_uri");
  if (target !== undefined && URL.canParse(target)) {
    const url = new URL(target);
    const state = ctx.param("state");
    if (state !== undefined) url.searchParams.set("state", state);
    ctx.redirect(url.toString(), headers);
    return;
  }
  ctx.respondHtml(
    200,
    renderMessagePage("Signed out", "You have signed out of the dev authority."),
    headers,
  );
}
