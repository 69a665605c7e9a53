// The app's HTML: a layout and one function per page. Everything interpolated is escaped; no
// page ever receives a token, an authorization code or the client secret.

/** @param {string} value */
export function escapeHtml(value) {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * @typedef {object} SignedInUser
 * @property {string} username - the account's user principal name.
 * @property {string} displayName - the name to greet the user with.
 */

/**
 * @param {string} title
 * @param {string} body - HTML, already escaped.
 * @param {SignedInUser | undefined} user
 */
function layout(title, body, user) {
  const nav = user
    ? `<a href="/">Home</a> · <a href="/me" id="nav-me">Profile</a> · <a href="/logout" id="sign-out">Sign out</a>`
    : `<a href="/">Home</a> · <a href="/login" id="nav-sign-in">Sign in</a>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - entrakit web app example</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
nav{margin-bottom:1.5rem}table{border-collapse:collapse}td,th{text-align:left;padding:.2rem .8rem .2rem 0}
pre{background:#f4f4f4;padding:.75rem;overflow-x:auto}.error{color:#a4262c}</style>
</head>
<body>
<nav>${nav}</nav>
<main>
${body}
</main>
</body>
</html>
`;
}

/** @param {SignedInUser} user */
function whoIsSignedIn(user) {
  return `<p id="signed-in-user">Signed in as <strong id="user-name">${escapeHtml(user.displayName)}</strong> (<span id="user-username">${escapeHtml(user.username)}</span>)</p>`;
}

/** @param {SignedInUser | undefined} user */
export function homePage(user) {
  const body = user
    ? `<h1>Welcome</h1>
${whoIsSignedIn(user)}
<p><a href="/me" id="call-me">Call the profile API with your access token</a></p>`
    : `<h1>entrakit web app example</h1>
<p>Sign in with the authorization code flow (PKCE and <code>state</code>); the server redeems the code with <code>AuthorizationCodeCredential</code>.</p>
<p><a href="/login" id="sign-in">Sign in</a></p>`;
  return layout("Home", body, user);
}

/**
 * @typedef {object} ProfileView
 * @property {SignedInUser} user
 * @property {string} profileUrl - the API that was called.
 * @property {Record<string, unknown>} profile - what it answered.
 * @property {number} expiresOnTimestamp - when the access token used expires.
 */

/** @param {ProfileView} view */
export function profilePage(view) {
  const rows = Object.entries(view.profile)
    .map(
      ([name, value]) =>
        `<tr><th scope="row">${escapeHtml(name)}</th><td id="me-${escapeHtml(name)}">${escapeHtml(String(value))}</td></tr>`,
    )
    .join("\n");
  const expires = new Date(view.expiresOnTimestamp).toISOString();
  return layout(
    "Profile",
    `<h1>Your profile</h1>
${whoIsSignedIn(view.user)}
<p id="me-call"><code>GET ${escapeHtml(view.profileUrl)}</code> with the access token (valid until ${escapeHtml(expires)}) answered <span id="me-status">200 OK</span>:</p>
<table id="me-profile">
${rows}
</table>
<pre id="me-json">${escapeHtml(JSON.stringify(view.profile, null, 2))}</pre>`,
    view.user,
  );
}

/**
 * @param {string} message - the error's message: never a token, code or secret (entrakit's
 * errors and {@link WebAppError} guarantee it).
 * @param {SignedInUser | undefined} user
 */
export function errorPage(message, user) {
  return layout(
    "Error",
    `<h1>Something went wrong</h1>
<p class="error" id="error-message" role="alert">${escapeHtml(message)}</p>
<p><a href="/login" id="sign-in-again">Sign in again</a> · <a href="/">Home</a></p>`,
    user,
  );
}

export function notFoundPage() {
  return layout("Not found", "<h1>Not found</h1>", undefined);
}
