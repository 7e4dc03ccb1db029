// The threat: a draggable marker with its uncertainty ring and 50/100/200 m range rings. Dragging or placing it
// sends the new position to the host; the map then shows what the host answers in its frames. A new hostile marker
// sighted on a contained threat is drawn where it was dropped, hollow and tied to the threat by a dashed line: it did not
// move the threat. On a closed incident the label says the phase the threat stood in at the close.
import * as L from './leaflet.js';
import { coordinate, clock, markerWords, sightingWords } from '../format.js';
import { escapeHtml } from '../symbols.js';
import { remPx } from './size.js';
import { labelPane } from './site-map.js';
import { threatLabelBox } from './threat-label.js';

const rangesM = [50, 100, 200];
const defaultUncertaintyM = 25;

export class ThreatLayer {
  constructor(map, picture, move) {
    this.map = map;
    this.picture = picture;
    this.move = move;
    this.layer = L.layerGroup().addTo(map);
    this.drawn = new Map();
    this.editable = true;
    this.placing = false;
    this.onPlacingChanged = () => {};
    /** Called once the threats are drawn afresh, so the units' labels are placed around them again. */
    this.onDrawn = () => {};
    picture.subscribe(change => { if (change.threats || change.closed || change.reset) this.draw(); });
    map.on('click', e => this.place(e.latlng));
    document.addEventListener('keydown', e => { if (e.key === 'Escape' && this.placing) this.setPlacing(false); });
  }

  setEditable(editable) {
    this.editable = editable;
    this.setPlacing(false);
    for (const d of this.drawn.values()) editable ? d.marker.dragging?.enable() : d.marker.dragging?.disable();
  }

  setPlacing(placing) {
    this.placing = placing && this.editable;
    this.map.getContainer().classList.toggle('placing', this.placing);
    this.onPlacingChanged(this.placing);
  }

  async place(latlng) {
    if (!this.placing) return;
    this.setPlacing(false);
    const current = this.picture.mainThreat();
    const groupId = this.picture.groupId;
    const accepted = await this.move(current?.threatId ?? 'T1', latlng, current);
    if (accepted) this.accepted(accepted, groupId);
  }

  /**
   * Shows a threat as the host accepted it, before its frame comes: only on the incident it was placed on. Another chosen
   * while the host answered was shown it, where that incident had none, until its next whole picture.
   */
  accepted(threat, groupId) {
    if (this.picture.groupId === groupId) this.picture.putThreat(threat);
  }

  draw() {
    const present = new Set();
    for (const threat of this.picture.threats.values()) {
      present.add(threat.threatId);
      const drawn = this.drawn.get(threat.threatId) ?? this.create(threat);
      drawn.threat = threat;
      setUncertainty(drawn.uncertainty, threat);
      this.drawSighting(drawn, threat);
      // Replacing the icon mid-drag would drop the drag; the frame after the drop brings it up to date.
      if (drawn.dragging) continue;
      this.position(drawn, [threat.position.latitude, threat.position.longitude]);
      const html = iconHtml(threat, this.picture.closed);
      if (html !== drawn.html) {
        drawn.html = html;
        drawn.marker.setIcon(icon(html));
      }
    }
    for (const [id, drawn] of this.drawn) {
      if (!present.has(id)) {
        for (const layer of drawn.layers) this.layer.removeLayer(layer);
        this.removeSighting(drawn);
        this.drawn.delete(id);
      }
    }
    this.onDrawn();
  }

  /**
   * Puts each threat's label on a side of its marker where it hides none of the units' symbols (boxes in layer
   * pixels), or hides it where there is none; answers the boxes the threats' markers and labels take, which the units'
   * labels keep clear of.
   */
  arrange(symbols) {
    const held = [];
    const half = remPx(3) / 2;
    for (const drawn of this.drawn.values()) {
      const element = drawn.marker.getElement();
      const label = element?.querySelector('.threat-label');
      if (!label) continue;
      const p = this.map.latLngToLayerPoint(drawn.marker.getLatLng());
      held.push([p.x - half, p.y - half, p.x + half, p.y + half]);
      if (drawn.dragging) continue;
      const size = drawn.labelSize?.html === drawn.html ? drawn.labelSize : (drawn.labelSize = { html: drawn.html, w: label.offsetWidth, h: label.offsetHeight });
      const box = threatLabelBox(p.x, p.y, half, size.w, size.h, symbols);
      label.hidden = box == null;
      if (!box) continue;
      held.push(box);
      label.style.left = `${box[0] - p.x + half}px`;
      label.style.top = `${box[1] - p.y + half}px`;
      label.style.transform = 'none';
    }
    return held;
  }

  create(threat) {
    const at = [threat.position.latitude, threat.position.longitude];
    const rings = rangesM.map(r => L.circle(at, { radius: r, className: 'range-ring', interactive: false })
      .bindTooltip(`${r} m`, { permanent: true, direction: 'top', className: 'range-label', offset: [0, 0], pane: labelPane }));
    const uncertainty = L.circle(at, { radius: 1, className: 'uncertainty-ring', interactive: false });
    const html = iconHtml(threat, this.picture.closed);
    const marker = L.marker(at, { draggable: this.editable, icon: icon(html), zIndexOffset: 1000, keyboard: true, title: 'Threat: drag to move' });
    const drawn = { threat, marker, uncertainty, rings, html, dragging: false, layers: [...rings, uncertainty, marker] };
    for (const layer of drawn.layers) layer.addTo(this.layer);
    setUncertainty(uncertainty, threat);
    for (const ring of rings) ring.openTooltip(ringLabelAt(ring));
    marker.on('dragstart', () => { drawn.dragging = true; });
    // The plan's names and the units' labels make way for the marker as it is dragged, not only once it is dropped.
    marker.on('drag', e => {
      this.position(drawn, e.target.getLatLng(), false);
      this.onDrawn();
    });
    marker.on('dragend', async e => {
      const to = e.target.getLatLng();
      const groupId = this.picture.groupId;
      const accepted = await this.move(drawn.threat.threatId, to, drawn.threat);
      drawn.dragging = false;
      if (accepted) this.accepted(accepted, groupId);
      // Show what the host holds: the new position once its frame is in, the old one if it refused.
      this.draw();
    });
    this.drawn.set(threat.threatId, drawn);
    return drawn;
  }

  /** The sighted marker where it was dropped, tied to the threat it left standing; gone once the sighting is. */
  drawSighting(drawn, threat) {
    const s = threat.sighted;
    const key = s ? `${s.marker}|${s.at}|${s.position.latitude}|${s.position.longitude}|${threat.phase}|${threat.position.latitude}|${threat.position.longitude}` : null;
    if (key === drawn.sightingKey) return;
    this.removeSighting(drawn);
    drawn.sightingKey = key;
    if (!s) return;
    const at = [s.position.latitude, s.position.longitude];
    const words = sightingWords(s.marker, s.heading, s.actor, threat.threatId, threat.phase, clock(Date.parse(s.at)));
    const size = remPx(2.2);
    const html = `<div class="sighted" data-threat="${escapeHtml(threat.threatId)}" data-marker="${escapeHtml(s.marker)}" data-lat="${coordinate(s.position.latitude)}" data-lon="${coordinate(s.position.longitude)}" title="${escapeHtml(words.charAt(0).toUpperCase() + words.slice(1))}">`
      + `<svg viewBox="0 0 40 40" aria-hidden="true"><circle cx="20" cy="20" r="16"/><path d="M13 13 L27 27 M27 13 L13 27"/></svg>`
      + `<span class="sighted-label">${escapeHtml(s.marker)} · SIGHTED ${escapeHtml(clock(Date.parse(s.at)))} · NOT APPLIED</span></div>`;
    const marker = L.marker(at, {
      interactive: false, keyboard: false, zIndexOffset: 900,
      icon: L.divIcon({ className: 'sighted-icon', iconSize: [size, size], iconAnchor: [size / 2, size / 2], html }),
    });
    const tie = L.polyline([[threat.position.latitude, threat.position.longitude], at], { className: 'sighted-tie', interactive: false });
    drawn.sighting = [tie, marker];
    for (const layer of drawn.sighting) layer.addTo(this.layer);
  }

  removeSighting(drawn) {
    for (const layer of drawn.sighting ?? []) this.layer.removeLayer(layer);
    drawn.sighting = null;
    drawn.sightingKey = null;
  }

  position(drawn, at, moveMarker = true) {
    if (moveMarker) drawn.marker.setLatLng(at);
    drawn.uncertainty.setLatLng(at);
    for (const ring of drawn.rings) {
      ring.setLatLng(at);
      ring.openTooltip(ringLabelAt(ring));
    }
  }
}

// A marker placed by hand may not say how uncertain it is: then no ring is drawn, and the label says "± unknown".
function setUncertainty(circle, threat) {
  const known = threat.uncertaintyM != null;
  circle.setRadius(known ? Math.max(threat.uncertaintyM, 1) : 1);
  circle.getElement()?.classList.toggle('unknown', !known);
}

export function threatBody(latlng, current) {
  const uncertaintyM = current ? current.uncertaintyM : defaultUncertaintyM;
  return {
    lat: Number(latlng.lat.toFixed(7)),
    lon: Number(latlng.lng.toFixed(7)),
    ...(uncertaintyM != null ? { uncertaintyM } : {}),
    phase: current?.phase ?? 'active',
    ...(current?.floor != null ? { floor: current.floor } : {}),
    // Moved by hand, it is still what its marker, or whoever placed it, said it is.
    ...(current?.name ? { name: current.name } : {}),
    ...(current?.remarks ? { remarks: current.remarks } : {}),
  };
}

function icon(html) {
  const size = remPx(3);
  return L.divIcon({ className: 'threat-icon', iconSize: [size, size], iconAnchor: [size / 2, size / 2], html });
}

function iconHtml(threat, closed) {
  const p = threat.position;
  const deleted = threat.markerDeleted ? ` · marker ${markerWords(threat.markerDeleted.became)} ${clock(Date.parse(threat.markerDeleted.at))}` : '';
  // What its marker calls it goes on the label; what its author wrote of it, on the title, for a pointer to read.
  const named = threat.name ? ` · ${threat.name}` : '';
  const title = [threat.name, threat.remarks].filter(Boolean).join(': ');
  // A closed incident's threat is active no more: it is drawn grey, with the phase it stood in at the close.
  const phase = closed ? `${threat.phase.toUpperCase()} AT CLOSE` : threat.phase.toUpperCase();
  return `<div class="threat phase-${threat.phase}${closed ? ' closed' : ''}${threat.markerDeleted ? ' marker-deleted' : ''}"${title ? ` title="${escapeHtml(title)}"` : ''} data-threat="${escapeHtml(threat.threatId)}" data-lat="${coordinate(p.latitude)}" data-lon="${coordinate(p.longitude)}" data-phase="${threat.phase}">`
    + `<svg viewBox="0 0 40 40" aria-hidden="true"><circle cx="20" cy="20" r="17"/><path d="M11 11 L29 29 M29 11 L11 29"/></svg>`
    + `<span class="threat-label">THREAT · ${escapeHtml(phase)}${escapeHtml(named)}${threat.uncertaintyM == null ? ' · ± unknown' : ''}${escapeHtml(deleted)}</span></div>`;
}

function ringLabelAt(ring) {
  // The label sits on the ring's northern edge so it never covers the threat itself.
  const c = ring.getLatLng();
  const dLat = ring.getRadius() / 111320;
  return L.latLng(c.lat + dLat, c.lng);
}
