// Tokens for machines: integrations, scripts, and devices that report for named units. Issued once (the text is
// answered once, only its hash kept), revoked for good: its name stays its name in the recording.
import { get, post, del, enc } from '/js/api.js';
import { tokenRoles, roleBoxes, ticked, submit, change, revocation, when, cell, showSecret, fillRows } from './forms.js';

export class Tokens {
  constructor(section) {
    this.body = section.querySelector('tbody');
    this.form = section.querySelector('#issue-token');
    this.issued = section.querySelector('#token-issued');
    roleBoxes(this.form.querySelector('.roles'), tokenRoles);
    this.form.addEventListener('submit', event => { event.preventDefault(); this.issue(); });
  }

  async load() {
    const tokens = await get('/api/access/tokens');
    // Live ones first, each group by name.
    tokens.sort((a, b) => Number(a.revokedAt != null) - Number(b.revokedAt != null) || a.name.localeCompare(b.name));
    fillRows(this.body, tokens.map(t => this.row(t)), 'No token issued.');
  }

  row(token) {
    const tr = document.createElement('tr');
    tr.dataset.token = token.id;
    const expired = Date.parse(token.expires) <= Date.now();
    const issued = document.createElement('span');
    issued.append(when(token.createdAt), ` by ${token.createdBy}`);
    const state = !token.revokedAt && expired ? 'expired' : revocation(tr, token, () => this.revoke(token));
    if (state === 'expired') tr.className = 'revoked';
    tr.append(cell(token.name), cell(token.roles.join(', ')), cell(token.units.join(', ') || '—'), cell(when(token.expires)), cell(issued), cell(state));
    return tr;
  }

  async issue() {
    const { name, units, expiresInDays } = this.form.elements;
    const body = {
      name: name.value,
      roles: ticked(this.form.querySelector('.roles')),
      units: units.value.split(',').map(u => u.trim()).filter(u => u),
      expiresInDays: expiresInDays.value === '' ? null : Number(expiresInDays.value),
    };
    const token = await submit(this.form, () => post('/api/access/tokens', body));
    if (!token) return;
    showSecret(this.issued, `Token ${token.name}`, token.token,
      'Give it as a bearer token (Authorization: Bearer …) or, to the simulator and the load tool, as COMMAND_TOKEN.');
    await this.load();
  }

  revoke(token) {
    return change(() => del(`/api/access/tokens/${enc(token.id)}`), `Token ${token.name} revoked: requests with it are refused, and its open connections closed`, () => this.load());
  }
}
