// The site plan: zones under buildings, the hot zone outlined on top, every area labelled in words.
import * as L from './leaflet.js';
import { escapeHtml } from '../symbols.js';
import { labelPane } from './site-map.js';

const zoneStyles = {
  warm: { color: '#ffc233', weight: 2, dashArray: '8 6', fillColor: '#ffc233', fillOpacity: 0.06 },
  cold: { color: '#5cb8ff', weight: 2, fillColor: '#5cb8ff', fillOpacity: 0.12 },
  staging: { color: '#c38bff', weight: 2, fillColor: '#c38bff', fillOpacity: 0.16 },
  casualtyCollection: { color: '#4cd97b', weight: 2, fillColor: '#4cd97b', fillOpacity: 0.18 },
  perimeter: { color: '#e6edf3', weight: 2, dashArray: '3 5', fillColor: '#e6edf3', fillOpacity: 0.06 },
  hot: { color: '#ff4d4d', weight: 3, dashArray: '10 6', fillColor: '#ff4d4d', fillOpacity: 0.1 },
};

const zoneWords = {
  hot: 'HOT', warm: 'WARM', cold: 'COLD', staging: 'STAGING', casualtyCollection: 'CCP ✚', perimeter: 'PERIMETER',
};

// How far inside the map's edge a name is kept, in pixels.
const edgePx = 4;

const buildingStyle = { color: '#d9e2ec', weight: 2, fillColor: '#3a4656', fillOpacity: 0.9 };

export class SitePlan {
  constructor(map) {
    this.map = map;
    this.layer = L.layerGroup().addTo(map);
    this.bounds = null;
    this.labels = [];
    this.boxes = null;
    map.on('zoomend moveend resize', () => this.placeLabels());
    /** Called with a zone's id when its name on the map is clicked. */
    this.onZone = null;
    map.getContainer().addEventListener('click', e => {
      const name = e.target.closest?.('[data-zone]');
      if (name) this.onZone?.(name.dataset.zone);
    });
  }

  draw(site) {
    this.layer.clearLayers();
    this.bounds = null;
    this.labels = [];
    this.boxes = null;
    if (!site) return;
    const zones = site.zones ?? [];
    for (const zone of zones.filter(z => z.kind !== 'hot')) this.addZone(zone);
    for (const building of site.buildings ?? []) this.addBuilding(building);
    for (const zone of zones.filter(z => z.kind === 'hot')) this.addZone(zone);
    this.fit();
    this.placeLabels();
  }

  /**
   * Nudges each name whose area's anchor is in view to lie wholly inside the map: a name centred on a zone near the
   * map's edge ran off it ("COLD" cut at the left). Reads every box before moving any, so the page lays out once.
   */
  placeLabels() {
    this.boxes = null;
    const elements = this.labels.map(tip => tip.getElement()).filter(el => el);
    for (const el of elements) el.style.translate = '';
    const view = this.map.getContainer().getBoundingClientRect();
    const bounds = this.map.getBounds();
    const moves = this.labels.map(tip => {
      const el = tip.getElement();
      if (!el || !bounds.contains(tip.getLatLng())) return null;
      const box = el.getBoundingClientRect();
      const dx = Math.max(0, view.left + edgePx - box.left) || -Math.max(0, box.right - (view.right - edgePx));
      const dy = Math.max(0, view.top + edgePx - box.top) || -Math.max(0, box.bottom - (view.bottom - edgePx));
      return dx || dy ? [el, dx, dy] : null;
    });
    for (const move of moves) if (move) move[0].style.translate = `${move[1]}px ${move[2]}px`;
  }

  /** Where the plan's names are, as [left, top, right, bottom] in layer pixels: unit labels are placed clear of them. */
  labelBoxes() {
    if (this.boxes) return this.boxes;
    const view = this.map.getContainer().getBoundingClientRect();
    this.boxes = this.labels.map(tip => tip.getElement()).filter(el => el?.isConnected).map(el => {
      const box = el.getBoundingClientRect();
      const topLeft = this.map.containerPointToLayerPoint([box.left - view.left, box.top - view.top]);
      return [topLeft.x, topLeft.y, topLeft.x + box.width, topLeft.y + box.height];
    }).filter(b => b[2] > b[0] && b[3] > b[1]);
    return this.boxes;
  }

  /** Fits the view to the site and the given points (units and threats), so nobody starts off-screen. */
  fit(points = []) {
    const bounds = this.bounds ? L.latLngBounds(this.bounds.getSouthWest(), this.bounds.getNorthEast()) : null;
    const all = points.length ? (bounds ? bounds.extend(L.latLngBounds(points)) : L.latLngBounds(points)) : bounds;
    // Labels hang below markers, centred, so leave room at the sides and more at the bottom; no animation, so the first view is final at once.
    if (all?.isValid()) this.map.fitBounds(all, { paddingTopLeft: [60, 40], paddingBottomRight: [60, 56], maxZoom: 19, animate: false });
  }

  addZone(zone) {
    const ring = toLatLngs(zone.polygon);
    const style = zoneStyles[zone.kind] ?? zoneStyles.perimeter;
    const shape = L.polygon(ring, { ...style, interactive: false }).addTo(this.layer);
    const word = zoneWords[zone.kind] ?? zone.kind.toUpperCase();
    // The name opens the zone's panel: who is inside, for how long, and its flag.
    this.labels.push(label(this.layer, shape, `<span class="zone-open" data-zone="${escapeHtml(zone.zoneId)}" role="button" tabindex="0" title="Who is inside"><b>${escapeHtml(word)}</b> <span class="name">${escapeHtml(zone.name)}</span></span>`,
      `zone-label zone-${zone.kind}`, zone.kind === 'warm' || zone.kind === 'hot' ? 'top' : 'center', true));
    this.extend(shape.getBounds());
  }

  addBuilding(building) {
    const shape = L.polygon(toLatLngs(building.footprint), { ...buildingStyle, interactive: false }).addTo(this.layer);
    const floors = building.floors > 1 ? ` · ${building.floors} floors` : '';
    this.labels.push(label(this.layer, shape, `${escapeHtml(building.name)}${floors}`, 'building-label', 'bottom'));
    this.extend(shape.getBounds());
  }

  extend(bounds) {
    this.bounds = this.bounds ? this.bounds.extend(bounds) : L.latLngBounds(bounds.getSouthWest(), bounds.getNorthEast());
  }
}

function toLatLngs(points) {
  return (points ?? []).map(p => [p.latitude, p.longitude]);
}

function label(layer, shape, html, className, where, interactive = false) {
  const box = shape.getBounds();
  // Names sit on an edge (inside at the top, outside at the bottom) so the threat, often inside, stays clear.
  const anchor = where === 'top' ? L.latLng(box.getNorth(), box.getCenter().lng)
    : where === 'bottom' ? L.latLng(box.getSouth(), box.getCenter().lng) : box.getCenter();
  const direction = where === 'center' ? 'center' : 'bottom';
  const tip = L.tooltip({ permanent: true, direction, className, interactive, pane: labelPane }).setLatLng(anchor).setContent(html);
  layer.addLayer(tip);
  return tip;
}
