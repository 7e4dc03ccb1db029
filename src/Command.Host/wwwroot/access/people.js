// People: who may sign in, with which roles. An admin adds one, changes their roles or sets their password (either
// ends their sessions), or removes them. The host keeps the last admin who can sign in from being removed or demoted.
import { get, post, put, del, enc } from '/js/api.js';
import { session } from '/js/session.js';
import { showNotice } from '/js/notice.js';
import { personRoles, roleBoxes, ticked, submit, change, twoPress, when, cell, button, fillRows } from './forms.js';

export class People {
  constructor(section) {
    this.body = section.querySelector('tbody');
    this.form = section.querySelector('#add-person');
    roleBoxes(this.form.querySelector('.roles'), personRoles);
    this.form.addEventListener('submit', event => { event.preventDefault(); this.add(); });
  }

  async load() {
    const people = await get('/api/access/people');
    people.sort((a, b) => a.userName.localeCompare(b.userName));
    fillRows(this.body, people.map(p => this.row(p)), 'Nobody.');
  }

  row(person) {
    const tr = document.createElement('tr');
    tr.dataset.person = person.userName;
    const roles = document.createElement('fieldset');
    roles.className = 'roles';
    roles.setAttribute('aria-label', `Roles of ${person.userName}`);
    roleBoxes(roles, personRoles, person.roles);
    const save = button('Save roles');
    save.disabled = true;
    roles.addEventListener('change', () => { save.disabled = sameRoles(ticked(roles), person.roles); });
    // Sent with the roles it was made from: another admin's change since is refused, not undone, and the list shown again.
    const saveRoles = () => put(`/api/access/people/${enc(person.userName)}/roles`, { roles: ticked(roles), was: person.roles })
      .catch(async error => { if (error.reason === 'roles-changed') await this.load(); throw error; });
    save.addEventListener('click', () => change(saveRoles, `Roles of ${person.userName} set to ${ticked(roles).join(', ') || 'none'}: their sessions ended`, () => this.load()));

    const password = document.createElement('span');
    password.textContent = person.hasPassword ? 'set' : 'none: cannot sign in';
    const setPassword = button('Set password…');
    // One's own is changed under "Your password", which asks for the current one and the new one twice and keeps this
    // session: set here, typed once, a slip in it shut the admin out, and the host refuses it.
    setPassword.addEventListener('click', () => (person.userName === session.name ? ownPassword() : this.askPassword(tr, person.userName)));

    const remove = button('Remove');
    remove.classList.add('danger');
    twoPress(remove, `Remove ${person.userName}?`, () => change(() => del(`/api/access/people/${enc(person.userName)}`), `${person.userName} removed`, () => this.load()));
    const added = document.createElement('span');
    added.append(when(person.createdAt), ` by ${person.createdBy}`);
    tr.append(cell(person.userName), cell(roles, save), cell(password), cell(added), cell(setPassword, remove));
    return tr;
  }

  /** A password box under the person's row, until it is set or dismissed. */
  askPassword(tr, userName) {
    tr.nextElementSibling?.classList.contains('password-row') && tr.nextElementSibling.remove();
    const row = document.createElement('tr');
    row.className = 'password-row';
    const form = document.createElement('form');
    form.noValidate = true;
    form.innerHTML = '<label>New password for <b></b> <input name="password" type="password" autocomplete="new-password"></label>'
      + '<button type="submit">Set password</button><button type="button" class="cancel">Cancel</button><p class="problem" role="alert" hidden></p>';
    form.querySelector('b').textContent = userName;
    form.querySelector('.cancel').addEventListener('click', () => row.remove());
    form.addEventListener('submit', async event => {
      event.preventDefault();
      if (await submit(form, () => put(`/api/access/people/${enc(userName)}/password`, { password: form.elements.password.value }))) {
        showNotice(`Password of ${userName} set: their sessions ended`, 'info');
        await this.load();
      }
    });
    const td = document.createElement('td');
    td.colSpan = 5;
    td.append(form);
    row.append(td);
    tr.after(row);
    form.elements.password.focus();
  }

  async add() {
    const { userName, password } = this.form.elements;
    const body = { userName: userName.value, password: password.value || null, roles: ticked(this.form.querySelector('.roles')) };
    if (!await submit(this.form, () => post('/api/access/people', body))) return;
    showNotice(`${body.userName} added${body.password ? '' : ': without a password they cannot sign in until one is set'}`, 'info');
    await this.load();
  }
}

function ownPassword() {
  const form = document.getElementById('own-password-form');
  form.scrollIntoView({ block: 'center' });
  form.elements.currentPassword.focus();
}

const sameRoles = (a, b) => a.length === b.length && a.every(r => b.includes(r));
