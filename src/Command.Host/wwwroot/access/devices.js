// Traccar Client phones: the app sends nothing but its device identifier, so the identifier is the secret. Issued
// once for one unit (only its hash kept), revoked for good.
import { get, post, del, enc } from '/js/api.js';
import { submit, change, revocation, when, cell, showSecret, fillRows } from './forms.js';

export class Devices {
  constructor(section) {
    this.body = section.querySelector('tbody');
    this.form = section.querySelector('#add-device');
    this.issued = section.querySelector('#device-issued');
    this.form.addEventListener('submit', event => { event.preventDefault(); this.issue(); });
  }

  async load() {
    const devices = await get('/api/access/devices');
    devices.sort((a, b) => Number(a.revokedAt != null) - Number(b.revokedAt != null) || a.unitId.localeCompare(b.unitId) || a.name.localeCompare(b.name));
    fillRows(this.body, devices.map(d => this.row(d)), 'No device identifier issued.');
  }

  row(device) {
    const tr = document.createElement('tr');
    tr.dataset.device = device.id;
    const issued = document.createElement('span');
    issued.append(when(device.createdAt), ` by ${device.createdBy}`);
    const state = revocation(tr, device, () => this.revoke(device));
    tr.append(cell(device.name), cell(device.unitId), cell(issued), cell(state));
    return tr;
  }

  async issue() {
    const { name, unitId } = this.form.elements;
    const device = await submit(this.form, () => post('/api/access/devices', { name: name.value, unitId: unitId.value }));
    if (!device) return;
    showSecret(this.issued, `Device identifier of ${device.name} for ${device.unitId}`, device.identifier,
      "Enter it in the Traccar Client app as its device identifier, with this host's OsmAnd port as its server address.");
    await this.load();
  }

  revoke(device) {
    return change(() => del(`/api/access/devices/${enc(device.id)}`), `${device.name} revoked: its reports for ${device.unitId} are refused`, () => this.load());
  }
}
