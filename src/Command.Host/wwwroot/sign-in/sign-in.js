// Signs a person in with a password, or with the first run's one-time link (#link=code), then goes where they were going.
import { refusal, markRefused } from './refusal.js';

const $ = id => document.getElementById(id);

function destination() {
  const wanted = new URLSearchParams(location.search).get('return');
  if (!wanted?.startsWith('/')) return '/';
  // Only a path on this site: a link must not send the person elsewhere after signing in. Read as the browser reads
  // it, which drops tabs and line breaks first: "/\t/evil.example/" is "//evil.example/", another site.
  const url = new URL(wanted, location.origin);
  return url.origin === location.origin ? url.pathname + url.search + url.hash : '/';
}

function showProblem(text) {
  $('problem').textContent = text;
  $('problem').hidden = !text;
}

/** Says why the host refused what a form sent, naming and marking the fields it names (as the access page does). */
function formProblem(form, error) {
  showProblem(error?.message ?? '');
  markRefused(form, error?.errors);
}

async function post(path, body, method = 'POST') {
  const response = await fetch(path, { method, headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw refusal(response.status, json, `${path} answered ${response.status}`);
  return json;
}

// Sent here by the dashboard because the host no longer took the session: say why, as the host said it, once.
const signedOut = sessionStorage.getItem('command.signed-out');
if (signedOut) {
  sessionStorage.removeItem('command.signed-out');
  showProblem(`You were signed out: ${signedOut}. Sign in again.`);
}

$('sign-in').addEventListener('submit', async event => {
  event.preventDefault();
  formProblem(event.target, null);
  try {
    await post('/api/auth/sign-in', { userName: $('user-name').value, password: $('password').value });
    location.replace(destination());
  } catch (error) {
    formProblem(event.target, error);
  }
});

$('first-password').addEventListener('submit', async event => {
  event.preventDefault();
  formProblem(event.target, null);
  try {
    await post('/api/auth/password', { newPassword: $('new-password').value }, 'PUT');
    location.replace('/');
  } catch (error) {
    formProblem(event.target, error);
  }
});

const link = new URLSearchParams(location.hash.slice(1)).get('link');
if (link) {
  // The code leaves the address bar at once, so it is not left in the history for someone else to try.
  history.replaceState(null, '', location.pathname);
  try {
    const caller = await post('/api/auth/link', { code: link });
    $('sign-in').hidden = true;
    $('first-name').textContent = caller.name;
    $('first-password').hidden = false;
  } catch (error) {
    showProblem(error.message);
  }
}
