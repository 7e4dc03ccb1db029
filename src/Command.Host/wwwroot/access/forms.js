// What the access page's forms and tables share: the roles a person or token may hold, a form's problem said beside
// it in the host's words (the fields it names marked), a change from a table said in the notice, a destructive button
// that asks once more, and dates.
import { showNotice } from '/js/notice.js';
import { markRefused } from '/sign-in/refusal.js';

/** The roles a person may hold, with what each may do (the host decides; these are its words for them). */
export const personRoles = [
  ['admin', 'manage people, roles, tokens, devices and lock-outs; everything below'],
  ['commander', 'open incidents, place and move threats, change phases, enrol and reassign units, acknowledge flags'],
  ['controller', 'start, pause and stop drills and scenarios; read evaluator notes'],
  ['evaluator', 'replays, after-action exports, evaluator notes'],
  ['observer', 'watch live incidents only'],
];

/** A token may hold those, or the device role alone, naming the units it reports for. */
export const tokenRoles = [...personRoles, ['device', 'report positions for the units named, and nothing else']];

/** Fills a fieldset with a checkbox for each role, those in <checked> ticked. */
export function roleBoxes(fieldset, roles, checked = []) {
  for (const [name, does] of roles) {
    const label = document.createElement('label');
    label.className = 'role';
    label.title = does;
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = name;
    box.checked = checked.includes(name);
    label.append(box, ` ${name}`);
    fieldset.append(label);
  }
}

export const ticked = container => [...container.querySelectorAll('input[type=checkbox]:checked')].map(b => b.value);

/** Says why the host refused what the form sent, beside it, and marks the fields it names; nothing when null. */
export function formProblem(form, error) {
  const problem = form.querySelector('.problem');
  problem.hidden = !error;
  problem.textContent = error?.message ?? '';
  markRefused(form, error?.errors);
}

/**
 * Sends what a form holds: a refusal is said beside it (and answers undefined); otherwise the form is cleared and the
 * host's answer returned (true where it answered nothing).
 */
export async function submit(form, send) {
  let answer;
  try {
    answer = await send();
  } catch (error) {
    formProblem(form, error);
    return undefined;
  }
  formProblem(form, null);
  form.reset();
  return answer ?? true;
}

/** Sends a change from a table's button: a refusal is said in the notice; done, it is said so and the table listed again. */
export async function change(send, done, reload) {
  try {
    await send();
  } catch (error) {
    showNotice(error.message);
    return;
  }
  showNotice(done, 'info');
  await reload();
}

/** The last cell's content of a credential's row: when it was revoked (the row struck through), or a button that revokes it on a second press. */
export function revocation(tr, credential, revoke) {
  if (!credential.revokedAt) {
    const revoking = button('Revoke');
    revoking.classList.add('danger');
    twoPress(revoking, `Revoke ${credential.name}?`, revoke);
    return revoking;
  }
  tr.className = 'revoked';
  const revoked = document.createElement('span');
  revoked.append('revoked ', when(credential.revokedAt));
  return revoked;
}

/**
 * A button that does something that cannot be undone (removing a person, revoking a token) only when pressed twice:
 * the first press asks, in its own words, and the question stands a few seconds.
 */
export function twoPress(button, asking, action) {
  const label = button.textContent;
  let timer = 0;
  button.addEventListener('click', async () => {
    if (!button.classList.contains('asking')) {
      button.classList.add('asking');
      button.textContent = asking;
      timer = setTimeout(() => { button.classList.remove('asking'); button.textContent = label; }, 5000);
      return;
    }
    clearTimeout(timer);
    button.disabled = true;
    await action();
    button.disabled = false;
    button.classList.remove('asking');
    button.textContent = label;
  });
}

/** "2026-12-06 14:05" in the browser's time, the whole instant on hover. */
export function when(iso) {
  const time = document.createElement('time');
  const date = new Date(iso);
  time.dateTime = iso;
  time.title = date.toString();
  const pad = n => String(n).padStart(2, '0');
  time.textContent = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return time;
}

export function button(text) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  return b;
}

/** Fills a table's body with its rows, or one line saying there are none. */
export function fillRows(body, rows, none) {
  if (rows.length) {
    body.replaceChildren(...rows);
    return;
  }
  const empty = cell(none);
  empty.colSpan = body.closest('table').querySelectorAll('thead th').length;
  empty.className = 'none';
  const tr = document.createElement('tr');
  tr.append(empty);
  body.replaceChildren(tr);
}

/** A table cell holding text or nodes. */
export function cell(...content) {
  const td = document.createElement('td');
  td.append(...content);
  return td;
}

/** Shows a secret the host answers once (a token, a device identifier) to be copied now, with what to do with it. */
export function showSecret(element, heading, secret, use) {
  element.replaceChildren();
  const title = document.createElement('p');
  title.innerHTML = '<b></b> — copy it now: it is shown once, and only its hash is kept.';
  title.querySelector('b').textContent = heading;
  const text = document.createElement('input');
  text.readOnly = true;
  text.value = secret;
  text.className = 'secret-text';
  text.addEventListener('focus', () => text.select());
  const how = document.createElement('p');
  how.className = 'hint';
  how.textContent = use;
  element.append(title, text, how);
  element.hidden = false;
  text.focus();
}
