// Addresses shut out of signing in after failures, and until when; an admin lifts one (a command post's tablets
// behind one Wi-Fi share an address, and its lock-out).
import { get, del, enc } from '/js/api.js';
import { when, cell, button, fillRows, change } from './forms.js';

export class Lockouts {
  constructor(section) {
    this.body = section.querySelector('tbody');
    section.querySelector('#refresh-lockouts').addEventListener('click', () => this.load());
  }

  async load() {
    const lockouts = await get('/api/access/lockouts');
    fillRows(this.body, lockouts.map(l => this.row(l)), 'No address is shut out.');
  }

  row(lockout) {
    const tr = document.createElement('tr');
    tr.dataset.address = lockout.address;
    const lift = button('Lift');
    lift.addEventListener('click', () => change(() => del(`/api/access/lockouts/${enc(lockout.address)}`), `${lockout.address} may sign in again`, () => this.load()));
    tr.append(cell(lockout.address), cell(String(lockout.failures)), cell(when(lockout.until)), cell(lift));
    return tr;
  }
}
