// Talks to the admin API from the page. Every call carries X-Synack-Dashboard, which is how the server tells
// the dashboard's calls from a browser's that Toxiproxy's rule turns away (a page of another origin cannot
// add that header without a CORS preflight, which the server never grants), and the admin token when one is
// needed. The token lives in this tab's sessionStorage: it is gone when the tab closes and no other origin
// can read it. A page opened as /ui#token=... takes it from the fragment, which the browser never sends to
// a server, and removes it from the address bar.

const KEY = 'synack.token';

/** The server said 401: the token is missing or wrong. */
export class Unauthorized extends Error {
  constructor() { super('missing or invalid token'); }
}

/** Any other answer than 2xx; message is the server's error text. */
export class Failure extends Error {
  constructor(status, text) {
    super(status + ' ' + text);
    this.status = status;
  }
}

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(KEY, value);
  else sessionStorage.removeItem(KEY);
}

/** Takes a token from #token=... once, and clears it from the URL. */
export function tokenFromFragment() {
  const match = /(?:^#|&)token=([^&]*)/.exec(location.hash);
  if (!match) return;
  setToken(decodeURIComponent(match[1]));
  history.replaceState(null, '', location.pathname + location.search);
}

/** GETs a route: JSON by default, the body as text with {text: true}. */
export async function get(path, options = {}) {
  const headers = {'X-Synack-Dashboard': '1'};
  const t = token();
  if (t) headers.Authorization = 'Bearer ' + t;
  const response = await fetch(path, {headers, cache: 'no-store', credentials: 'omit', redirect: 'error'});
  if (response.status === 401) throw new Unauthorized();
  if (!response.ok) {
    const body = await response.text();
    let message = body.trim();
    try { message = JSON.parse(body).error; } catch (notJson) { /* Go's plain-text errors */ }
    throw new Failure(response.status, message);
  }
  return options.text ? response.text() : response.json();
}
