// The map itself: Web Mercator with no tile layer. The site plan is the only background.
import * as L from './leaflet.js';

const detailZoom = 18;

/** The pane for the plan's and the range rings' labels. */
export const labelPane = 'plan-labels';

export function createMap(element) {
  const map = L.map(element, {
    crs: L.CRS.EPSG3857,
    attributionControl: false,
    zoomSnap: 0.25,
    zoomDelta: 0.5,
    minZoom: 3,
    maxZoom: 22,
    boxZoom: false,
    // A name taken off the map goes at once. Leaflet fades a tooltip out for 200 ms, still in the page: just after a
    // switch to another incident on the same site (its zones keep their ids) each zone had two names, both reachable.
    fadeAnimation: false,
  });
  map.setView([0, 0], 3);
  // Names of areas and range rings sit above the plan's shapes but under the units, so a unit's flag word is
  // never covered by a building's name (Leaflet puts every tooltip above every marker by default).
  map.createPane(labelPane).style.zIndex = '450';
  L.control.scale({ metric: true, imperial: false, position: 'bottomleft' }).addTo(map);
  // Zoomed out, area names would bury the units: keep only the zone kinds.
  const declutter = () => element.classList.toggle('zoomed-out', map.getZoom() < detailZoom);
  map.on('zoomend', declutter);
  declutter();
  // The panels around the map are laid out by CSS grid; tell Leaflet when its box changes size, keeping the
  // middle where it was (a window made larger, for a wall display, shows more all round rather than to one side).
  new ResizeObserver(() => map.invalidateSize({ pan: true, animate: false })).observe(element);
  return map;
}
