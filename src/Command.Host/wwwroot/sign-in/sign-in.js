// Signs a person in with a password, or with the first run's one-time link (#link=code), then goes where they were going.

const $ = id => document.getElementById(id);

function destination() {
  const wanted = new URLSearchParams(location.search).get('return');
  // Only a path on this site: a link must not send the person elsewhere after signing in.
  return wanted && /^\/(?![\/\\])/.test(wanted) ? wanted : '/';
}

function showProblem(text) {
  $('problem').textContent = text;
  $('problem').hidden = !text;
}

async function post(path, body, method = 'POST') {
  const response = await fetch(path, { method, headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new Error(json?.detail ?? `${path} answered ${response.status}`);
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
  showProblem('');
  try {
    await post('/api/auth/sign-in', { userName: $('user-name').value, password: $('password').value });
    location.replace(destination());
  } catch (error) {
    showProblem(error.message);
  }
});

$('first-password').addEventListener('submit', async event => {
  event.preventDefault();
  showProblem('');
  try {
    await post('/api/auth/password', { newPassword: $('new-password').value }, 'PUT');
    location.replace('/');
  } catch (error) {
    showProblem(error.message);
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
