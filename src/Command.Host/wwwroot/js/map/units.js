// Units on the map: a shape per role, a word for the flag or state, a heading arrow, a short trail and an
// accuracy ring. Markers are kept and moved, not redrawn, so an hour of frames costs nothing extra.
import * as L from './leaflet.js';
import { flag, shapeSvg, state, closes, escapeHtml } from '../symbols.js';
import { coordinate } from '../format.js';
import { heading } from './heading.js';
import { remPx } from './size.js';

export class UnitLayer {
  constructor(map, picture) {
    this.map = map;
    this.picture = picture;
    this.layer = L.layerGroup().addTo(map);
    this.drawn = new Map();
    picture.subscribe(change => this.update(change));
  }

  update(change) {
    if (change.reset) {
      this.layer.clearLayers();
      this.drawn.clear();
      for (const id of this.picture.units.keys()) this.draw(id);
      return;
    }
    for (const id of change.units) this.draw(id);
  }

  draw(id) {
    const unit = this.picture.units.get(id);
    const fix = unit?.lastFix;
    if (!fix) return;
    const at = [fix.position.latitude, fix.position.longitude];
    const trail = this.picture.trails.get(id) ?? [];
    const html = iconHtml(unit, heading(fix, trail));
    let drawn = this.drawn.get(id);
    if (!drawn) {
      drawn = {
        ring: L.circle(at, { radius: 1, className: 'accuracy-ring', interactive: false }).addTo(this.layer),
        trail: L.polyline([], { className: 'trail', interactive: false }).addTo(this.layer),
        marker: L.marker(at, { keyboard: false, title: unit.callsign }).addTo(this.layer),
        html: '',
      };
      this.drawn.set(id, drawn);
    }
    drawn.marker.setLatLng(at);
    drawn.ring.setLatLng(at).setRadius(fix.accuracyM ?? 0);
    drawn.trail.setLatLngs(trail.map(p => [p[0], p[1]]));
    if (drawn.html !== html) {
      drawn.html = html;
      const size = remPx(2.6);
      drawn.marker.setIcon(L.divIcon({ html, className: 'unit-icon', iconSize: [size, size], iconAnchor: [size / 2, size / 2] }));
      drawn.marker.setZIndexOffset(unit.flag === 'alert' ? 500 : unit.flag === 'watch' ? 250 : 0);
    }
  }
}

function iconHtml(unit, headingDeg) {
  const fix = unit.lastFix;
  const f = flag(unit.flag);
  const s = state(unit.state);
  const tag = unit.flag !== 'none' && unit.flag ? `${f.mark} ${f.word}${unit.acknowledged ? ' · ACK' : ''}` : unit.state === 'stale' ? `${s.mark} ${s.word}` : '';
  const arrow = headingDeg == null ? '' : `<span class="heading" style="transform: rotate(${Math.round(headingDeg)}deg)"><i></i></span>`;
  // The state's mark (▼ closing, ■ holding, ▲ opening, ◎ arrived) says in shape what the fill says in colour.
  const mark = unit.state === 'stale' || unit.state === 'unknown' ? '' : `<i class="state-mark" title="${s.word}">${s.mark}</i>`;
  return `<div class="unit flag-${unit.flag} state-${unit.state}${closes(unit.role) ? ' judged' : ''}${unit.acknowledged ? ' acknowledged' : ''}" data-unit="${escapeHtml(unit.unitId)}"`
    + ` data-lat="${coordinate(fix.position.latitude)}" data-lon="${coordinate(fix.position.longitude)}" data-flag="${unit.flag}" data-state="${unit.state}">`
    + `<span class="halo"></span>${arrow}${shapeSvg(unit.role, 22)}`
    + `<span class="unit-label"><b>${mark}${escapeHtml(unit.callsign)}</b>${tag ? `<em>${escapeHtml(tag)}</em>` : ''}</span></div>`;
}
