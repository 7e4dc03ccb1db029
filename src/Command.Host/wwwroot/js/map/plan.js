// The site plan: zones under buildings, the hot zone outlined on top, every area labelled in words.
import * as L from './leaflet.js';
import { escapeHtml } from '../symbols.js';
import { labelPane } from './site-map.js';
import { PlanNames } from './plan-names.js';

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

const buildingStyle = { color: '#d9e2ec', weight: 2, fillColor: '#3a4656', fillOpacity: 0.9 };

export class SitePlan {
  constructor(map) {
    this.map = map;
    this.layer = L.layerGroup().addTo(map);
    this.bounds = null;
    this.names = new PlanNames(map);
    /** Called once the plan is drawn afresh, so its names are placed among the units. */
    this.onDrawn = () => {};
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
    this.names.clear();
    if (site) {
      const zones = site.zones ?? [];
      for (const zone of zones.filter(z => z.kind !== 'hot')) this.addZone(zone);
      for (const building of site.buildings ?? []) this.addBuilding(building);
      for (const zone of zones.filter(z => z.kind === 'hot')) this.addZone(zone);
      this.fit();
    }
    this.onDrawn();
  }

  /**
   * Places the plan's names clear of one another and of the given boxes (units' symbols, the threat's marker and
   * label), in layer pixels; answers where they went, which the units' labels keep clear of.
   */
  arrange(symbols, threats) {
    return this.names.arrange(symbols, threats);
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
    // The space goes with the name, so that the kind word alone is as wide as it reads.
    const tip = label(this.layer, shape, `<span class="zone-open" data-zone="${escapeHtml(zone.zoneId)}" role="button" tabindex="0" title="Who is inside"><b>${escapeHtml(word)}</b><span class="name"> ${escapeHtml(zone.name)}</span></span>`,
      `zone-label zone-${zone.kind}`, true);
    this.names.add(tip, shape.getBounds(), zone.kind);
    this.extend(shape.getBounds());
  }

  addBuilding(building) {
    const shape = L.polygon(toLatLngs(building.footprint), { ...buildingStyle, interactive: false }).addTo(this.layer);
    const floors = building.floors > 1 ? ` · ${building.floors} floors` : '';
    this.names.add(label(this.layer, shape, `${escapeHtml(building.name)}${floors}`, 'building-label'), shape.getBounds());
    this.extend(shape.getBounds());
  }

  extend(bounds) {
    this.bounds = this.bounds ? this.bounds.extend(bounds) : L.latLngBounds(bounds.getSouthWest(), bounds.getNorthEast());
  }
}

function toLatLngs(points) {
  return (points ?? []).map(p => [p.latitude, p.longitude]);
}

/**
 * A name for an area, at its middle until the plan's names are placed (plan-names.js). Leaflet puts a tooltip again
 * after a zoom by its width; a name hung to the right of its point does not move when it is cut to its kind word.
 */
function label(layer, shape, html, className, interactive = false) {
  const tip = L.tooltip({ permanent: true, direction: 'right', className, interactive, pane: labelPane }).setLatLng(shape.getBounds().getCenter()).setContent(html);
  layer.addLayer(tip);
  return tip;
}
