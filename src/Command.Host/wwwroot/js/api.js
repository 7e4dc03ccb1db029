// HTTP calls to the host. A refusal comes back as {reason, detail, errors?}; the detail, with the fields it names, is
// what the user sees (refusal.js). The session cookie says who is calling; a call the host no longer takes it for
// (signed out, roles changed) goes back to the sign-in page, which says why as the host said it.
import { ApiProblem, refusal } from '/sign-in/refusal.js';

export { ApiProblem };

export async function request(method, path, body) {
  const text = await send(method, path, body, 'application/json');
  return text ? parseJson(text) : null;
}

/** A document the host draws (an SVG plot, say), as its text; refused as any call is. */
export const getText = (path, accept) => send('GET', path, undefined, accept);

async function send(method, path, body, accept) {
  const headers = { Accept: accept };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    // The browser's own words for a call that never got an answer ("Failed to fetch") tell no one what happened.
    if (error?.name === 'AbortError') throw error;
    throw new ApiProblem(0, 'unreachable', `The host could not be reached (${method} ${path}): try again once the connection is back`);
  }
  const text = await response.text();
  if (response.status === 401) toSignIn(refusedCredential(text ? parseJson(text) : null));
  if (!response.ok) {
    throw refusal(response.status, text ? parseJson(text) : null, `${method} ${path} answered ${response.status} ${response.statusText}`);
  }
  return text;
}

export const get = path => request('GET', path);
export const post = (path, body = {}) => request('POST', path, body);
export const put = (path, body) => request('PUT', path, body);
export const del = path => request('DELETE', path);

/** Where the page leaves the sign-in page why the host signed the person out: this site's own pages only can set it. */
export const signedOutKey = 'command.signed-out';

/**
 * To the sign-in page, coming back here once signed in; given why the host no longer takes the session, the sign-in page
 * says it (kept in this tab's session storage, not the address, so a link cannot make the page say anything).
 */
export function toSignIn(why) {
  if (why) sessionStorage.setItem(signedOutKey, why); else sessionStorage.removeItem(signedOutKey);
  location.assign(`/sign-in/?return=${encodeURIComponent(location.pathname + location.search)}`);
}

/** Why a 401 says the credential presented no longer stands ("the credential was refused: …"), or null. */
function refusedCredential(json) {
  const match = /^the credential was refused: (.*); sign in again, or present a valid bearer token$/.exec(json?.detail ?? '');
  return match?.[1] ?? null;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    // A non-JSON body (a proxy's error page, say) still gets reported through the status line.
    return null;
  }
}

export const enc = encodeURIComponent;
