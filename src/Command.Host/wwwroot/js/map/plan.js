// The site plan: zones under buildings, the hot zone outlined on top, every area labelled in words.
import * as L from './leaflet.js';
import { escapeHtml } from '../symbols.js';
import { labelPane } from './site-map.js';
import { PlanNames } from './plan-names.js';

// Each kind's outline and fill, in the page's colour for it (a CSS custom property), so the plan reads in either theme.
const zoneStyles = {
  warm: { colour: 'watch', weight: 2, dashArray: '8 6', fillOpacity: 0.06 },
  cold: { colour: 'info', weight: 2, fillOpacity: 0.12 },
  staging: { colour: 'staging', weight: 2, fillOpacity: 0.16 },
  casualtyCollection: { colour: 'closing', weight: 2, fillOpacity: 0.18 },
  perimeter: { colour: 'perimeter', weight: 2, dashArray: '3 5', fillOpacity: 0.06 },
  hot: { colour: 'alert', weight: 3, dashArray: '10 6', fillOpacity: 0.1 },
};

const zoneWords = {
  hot: 'HOT', warm: 'WARM', cold: 'COLD', staging: 'STAGING', casualtyCollection: 'CCP ✚', perimeter: 'PERIMETER',
};

/** A zone's style (kind given) or a building's, in the page's colours now. */
function styleOf(kind) {
  const css = getComputedStyle(document.documentElement);
  const colour = name => css.getPropertyValue(`--${name}`).trim();
  if (kind == null) return { color: colour('building-line'), weight: 2, fillColor: colour('building-fill'), fillOpacity: 0.9 };
  const { colour: name, ...style } = zoneStyles[kind] ?? zoneStyles.perimeter;
  return { ...style, color: colour(name), fillColor: colour(name) };
}

export class SitePlan {
  constructor(map) {
    this.map = map;
    this.layer = L.layerGroup().addTo(map);
    this.bounds = null;
    this.names = new PlanNames(map);
    this.shapes = [];
    document.addEventListener('themechange', () => {
      for (const { shape, kind } of this.shapes) shape.setStyle(styleOf(kind));
    });
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
    this.shapes = [];
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
    const shape = L.polygon(ring, { ...styleOf(zone.kind), interactive: false }).addTo(this.layer);
    this.shapes.push({ shape, kind: zone.kind });
    const word = zoneWords[zone.kind] ?? zone.kind.toUpperCase();
    // The name opens the zone's panel: who is inside, for how long, and its flag.
    // The space goes with the name, so that the kind word alone is as wide as it reads.
    const tip = label(this.layer, shape, `<span class="zone-open" data-zone="${escapeHtml(zone.zoneId)}" role="button" tabindex="0" title="Who is inside"><b>${escapeHtml(word)}</b><span class="name"> ${escapeHtml(zone.name)}</span></span>`,
      `zone-label zone-${zone.kind}`, true);
    this.names.add(tip, shape.getBounds(), zone.kind);
    this.extend(shape.getBounds());
  }

  addBuilding(building) {
    const shape = L.polygon(toLatLngs(building.footprint), { ...styleOf(null), interactive: false }).addTo(this.layer);
    this.shapes.push({ shape, kind: null });
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
