// Finding a unit by callsign or unit id: as the dispatcher types, the best match is picked (the board scrolls to
// its row, the map centres on it); Enter goes on to the next match, Escape clears. Exact matches come first, then
// those that start with what was typed, then those with a word that does, then any that contain it.

export class UnitSearch {
  constructor(input, status, picture, focus) {
    this.input = input;
    this.status = status;
    this.picture = picture;
    this.focus = focus;
    this.matches = [];
    this.at = 0;
    input.addEventListener('input', () => this.find());
    input.addEventListener('keydown', e => {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.next();
      } else if (e.key === 'Escape') {
        input.value = '';
        this.find();
      }
    });
  }

  find() {
    const query = this.input.value.trim().toLowerCase();
    this.matches = query ? rank(this.picture.units.values(), query) : [];
    this.at = 0;
    this.pick();
  }

  next() {
    if (this.matches.length === 0) return this.find();
    this.at = (this.at + 1) % this.matches.length;
    this.pick();
  }

  pick() {
    const query = this.input.value.trim();
    const unit = this.matches[this.at];
    this.input.setAttribute('aria-invalid', String(Boolean(query) && !unit));
    if (!query) {
      this.status.textContent = '';
      return;
    }
    if (!unit) {
      this.status.textContent = `No unit matches “${query}”`;
      return;
    }
    const more = this.matches.length > 1 ? ` · ${this.at + 1} of ${this.matches.length}, Enter for next` : '';
    this.status.textContent = `${unit.callsign}${unit.callsign !== unit.unitId ? ` (${unit.unitId})` : ''}${more}`;
    this.focus.set(unit.unitId, 'search');
  }
}

function rank(units, query) {
  const found = [];
  for (const unit of units) {
    const score = Math.min(score1(unit.callsign.toLowerCase(), query), score1(unit.unitId.toLowerCase(), query));
    if (score < 4) found.push({ unit, score });
  }
  found.sort((a, b) => a.score - b.score || a.unit.callsign.localeCompare(b.unit.callsign, undefined, { numeric: true }));
  return found.map(f => f.unit);
}

function score1(text, query) {
  if (text === query) return 0;
  if (text.startsWith(query)) return 1;
  if (text.split(/[\s\-_.]+/).some(word => word.startsWith(query))) return 2;
  return text.includes(query) ? 3 : 4;
}
