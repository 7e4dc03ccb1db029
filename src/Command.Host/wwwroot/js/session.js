// Who is signed in and what they may do. The page shows only the controls the caller's rights allow; the host
// enforces the same rules on every call and hub method, so hiding is only so nobody reaches for what would be refused.
import { get, post, toSignIn } from './api.js';
import { attempt } from './notice.js';

export const session = { name: '', id: '', credential: '', roles: [], rights: [] };

export const can = right => session.rights.includes(right);

/**
 * Whether a name the host gives (who drives a replay, who opened or last moved it) is the signed-in caller: by the
 * identity behind it, so someone added again under a removed person's name is not taken for them; by the name only
 * where the host kept no identity (a replay opened before it did), as the host itself then matches.
 */
export const isYou = (id, name) => (id ? id === session.id : name === session.name);

/** Reads who is signed in, and hides every element whose data-needs names a right the caller lacks. */
export async function loadSession() {
  Object.assign(session, await get('/api/auth/me'));
  document.body.dataset.rights = session.rights.join(' ');
  for (const element of document.querySelectorAll('[data-needs]')) element.hidden = !can(element.dataset.needs);
  return session;
}

export function bindSignOut(nameElement, button) {
  nameElement.textContent = session.name;
  // Where it is a link, to the access page: their own password, and for an admin people, tokens and devices.
  const opens = nameElement.href ? ` — your password${can('manage-access') ? ', people, tokens and devices' : ''}` : '';
  nameElement.title = `${session.name}: ${session.roles.join(', ')}${opens}`;
  button.addEventListener('click', async () => {
    if ((await attempt(() => post('/api/auth/sign-out'))) !== undefined) toSignIn();
  });
}
