// The unit board: one row per unit, most urgent first, numbers that tick between frames.
import { roles } from './symbols.js';
import { renderRow, tickRow, createRow } from './board-row.js';

export class Board {
  constructor(elements, picture, commands) {
    this.body = elements.body;
    this.count = elements.count;
    this.filter = elements.filter;
    this.picture = picture;
    this.commands = commands;
    this.rows = new Map();
    this.selected = new Set();
    this.editable = true;
    this.selectable = false;
    this.onSelection = () => {};
    this.filter.innerHTML = '<option value="">All roles</option>'
      + roles.map(r => `<option value="${r.value}">${r.label}</option>`).join('');
    this.filter.addEventListener('change', () => this.arrange());
    picture.subscribe(change => this.update(change));
    setInterval(() => this.tick(), 1000);
  }

  update(change) {
    if (change.reset) {
      this.body.replaceChildren();
      this.rows.clear();
      for (const id of this.picture.units.keys()) this.render(id);
    } else {
      for (const id of change.units) this.render(id);
    }
    this.arrange();
  }

  render(id) {
    const unit = this.picture.units.get(id);
    let row = this.rows.get(id);
    if (!row) {
      row = createRow(unit, this.commands, () => this.toggle(id));
      row.select.disabled = !this.editable;
      this.rows.set(id, row);
    }
    renderRow(row, unit, this.picture);
  }

  /** Roles can be changed live, never in a replay: the past is what was recorded. */
  setEditable(editable) {
    this.editable = editable;
    for (const row of this.rows.values()) row.select.disabled = !editable;
  }

  tick() {
    for (const [id, row] of this.rows) tickRow(row, this.picture.units.get(id), this.picture);
  }

  toggle(id) {
    if (!this.selectable) return;
    if (this.selected.has(id)) this.selected.delete(id); else this.selected.add(id);
    this.rows.get(id)?.tr.classList.toggle('selected', this.selected.has(id));
    this.onSelection([...this.selected]);
  }

  clearSelection() {
    this.selected.clear();
    for (const row of this.rows.values()) row.tr.classList.remove('selected');
    this.onSelection([]);
  }

  /** Sorts by urgency and applies the role filter, moving rows only when the order changed. */
  arrange() {
    const role = this.filter.value;
    const order = [...this.picture.units.values()]
      .filter(u => !role || u.role === role)
      .sort(byUrgency)
      .map(u => this.rows.get(u.unitId).tr);
    const current = [...this.body.children];
    if (order.length !== current.length || order.some((tr, i) => tr !== current[i])) {
      this.body.replaceChildren(...order);
    }
    this.count.textContent = role ? `${order.length} of ${this.picture.units.size}` : String(this.picture.units.size);
  }
}

function rank(unit) {
  if (unit.flag === 'alert') return unit.acknowledged ? 1 : 0;
  if (unit.flag === 'watch') return unit.acknowledged ? 3 : 2;
  if (unit.state === 'stale') return 4;
  return 5;
}

function byUrgency(a, b) {
  const distance = u => u.pathDistanceM ?? u.distanceM ?? Number.POSITIVE_INFINITY;
  return rank(a) - rank(b) || distance(a) - distance(b) || a.callsign.localeCompare(b.callsign);
}
