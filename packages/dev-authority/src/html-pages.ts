// The authority's HTML: the sign-in page, error pages and the form_post response. Plain forms
// with stable ids and names, so a headless browser or a plain HTTP client can drive them.

function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - entrakit dev authority</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem}
fieldset{border:1px solid #ccc;padding:.75rem}label{display:block;margin:.4rem 0}
button{margin:.75rem .5rem 0 0;padding:.4rem 1rem}.error{color:#a4262c}code{word-break:break-all}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** @internal A user offered on the sign-in page. */
export interface SignInChoice {
  readonly username: string;
  readonly displayName: string;
  readonly hasPassword: boolean;
}

/** @internal */
export interface SignInView {
  readonly action: string;
  readonly pendingId: string;
  readonly appName: string;
  readonly tenantName: string;
  readonly scopes: readonly string[];
  readonly users: readonly SignInChoice[];
  readonly selected: string | undefined;
  readonly error: { readonly code: string; readonly message: string } | undefined;
}

/** @internal */
export function renderSignInPage(view: SignInView): string {
  const selected =
    view.selected?.toLowerCase() ??
    (view.users.length === 1 ? view.users[0]?.username.toLowerCase() : undefined);
  const choices = view.users
    .map((user) => {
      const checked = user.username.toLowerCase() === selected ? " checked" : "";
      return `<label><input type="radio" name="username" value="${escapeHtml(user.username)}" data-username="${escapeHtml(user.username)}"${checked}> ${escapeHtml(user.displayName)} &lt;${escapeHtml(user.username)}&gt;</label>`;
    })
    .join("\n");
  const error = view.error
    ? `<p class="error" role="alert" id="error" data-error-code="${escapeHtml(view.error.code)}">${escapeHtml(view.error.code)}: ${escapeHtml(view.error.message)}</p>`
    : "";
  const password = view.users.some((user) => user.hasPassword)
    ? `<label>Password (only for accounts that have one) <input type="password" name="password" id="password" autocomplete="current-password"></label>`
    : "";
  const accounts =
    view.users.length > 0
      ? `<fieldset><legend>Pick an account</legend>\n${choices}\n</fieldset>\n${password}\n<button type="submit" name="action" value="continue" id="continue">Accept and continue</button>`
      : `<p id="no-users">No test user can sign in to this tenant.</p>`;
  return page(
    "Sign in",
    `<h1>Sign in</h1>
<p><strong id="app-name">${escapeHtml(view.appName)}</strong> wants to sign you in to <strong>${escapeHtml(view.tenantName)}</strong> and access: <code id="scopes">${escapeHtml(view.scopes.join(" "))}</code></p>
${error}
<form method="post" action="${escapeHtml(view.action)}" id="sign-in">
<input type="hidden" name="request" value="${escapeHtml(view.pendingId)}">
${accounts}
<button type="submit" name="action" value="cancel" id="cancel">Cancel</button>
</form>`,
  );
}

/** @internal An error Entra shows instead of redirecting (the redirect target is not trusted). */
export function renderErrorPage(view: {
  readonly code: string;
  readonly message: string;
  readonly traceId: string;
  readonly correlationId: string;
}): string {
  return page(
    "Sign-in error",
    `<h1>Sorry, but we're having trouble signing you in.</h1>
<p class="error" id="error" data-error-code="${escapeHtml(view.code)}">${escapeHtml(view.code)}: ${escapeHtml(view.message)}</p>
<p>Trace ID: <code>${escapeHtml(view.traceId)}</code><br>Correlation ID: <code>${escapeHtml(view.correlationId)}</code></p>`,
  );
}

/** @internal `response_mode=form_post`: the one place a script helps, with a button fallback. */
export function renderFormPostPage(redirectUri: string, params: Record<string, string>): string {
  const fields = Object.entries(params)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join("\n");
  return page(
    "Working",
    `<form method="post" action="${escapeHtml(redirectUri)}" id="form-post">
${fields}
<noscript><p>Script is disabled. Continue to the app:</p></noscript>
<button type="submit" id="continue">Continue</button>
</form>
<script>document.getElementById("form-post").submit()</script>`,
  );
}

/** @internal A short informational page (sign-out, error code lookup). */
export function renderMessagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p id="message">${escapeHtml(message)}</p>`);
}
