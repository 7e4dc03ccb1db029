// The map panel: site plan, units and threat on one Leaflet map, and the "Place threat" button. It centres on
// the unit a dispatcher picks on the board or finds with the search box.
import { createMap } from './site-map.js';
import { shownAt } from '../picture.js';
import { SitePlan } from './plan.js';
import { UnitLayer } from './units.js';
import { ThreatLayer } from './threat.js';

export class MapView {
  constructor(element, picture, commands, placeButton, focus) {
    this.map = createMap(element);
    this.picture = picture;
    this.plan = new SitePlan(this.map);
    this.units = new UnitLayer(this.map, picture, focus);
    this.units.onPick = id => focus.set(id, 'map');
    // The plan's names go where no unit or threat is, and the units' labels keep clear of them.
    this.units.obstacles = (symbols, threats) => this.plan.arrange(symbols, threats);
    this.plan.onDrawn = () => this.units.touch();
    focus.subscribe((id, origin) => { if (origin !== 'map') this.centreOn(id); });
    this.threats = new ThreatLayer(this.map, picture, (id, latlng, current) => commands.moveThreat(id, latlng, current));
    // The threat's label goes where it hides no unit, and the units' labels keep clear of it and its marker.
    this.units.held = symbols => this.threats.arrange(symbols);
    this.threats.onDrawn = () => this.units.touch();
    this.placeButton = placeButton;
    this.threats.onPlacingChanged = placing => placeButton.setAttribute('aria-pressed', String(placing));
    placeButton.addEventListener('click', () => this.threats.setPlacing(!this.threats.placing));
    // Frame the site and what the first snapshot shows. After that the view is the user's, except that a fresh
    // snapshot (a reconnect, a replay seek) with someone off-screen brings everyone back into view.
    this.fitPending = true;
    picture.subscribe(change => {
      if (!change.reset || picture.sequence < 0) return;
      const points = this.points();
      const view = this.map.getBounds();
      if (this.fitPending || !points.every(p => view.contains(p))) this.plan.fit(points);
      this.fitPending = false;
    });
  }

  /** Brings a unit to the middle of the map at once, keeping the zoom: the dispatcher asked where it is. */
  centreOn(unitId) {
    const p = shownAt(this.picture.units.get(unitId));
    if (p) this.map.panTo([p.latitude, p.longitude], { animate: false });
  }

  showSite(site) {
    this.picture.setSite(site);
    this.plan.draw(site);
    this.fitPending = true;
  }

  /** Whether the threat can be placed or moved; <refusal> says on hover why not, where there is a reason to. */
  setEditable(editable, refusal = null) {
    this.threats.setEditable(editable);
    this.placeButton.disabled = !editable;
    this.placeButton.title = refusal ?? '';
  }

  points() {
    const units = [...this.picture.units.values()].map(shownAt).filter(p => p).map(p => [p.latitude, p.longitude]);
    const threats = [...this.picture.threats.values()].map(t => [t.position.latitude, t.position.longitude]);
    return units.concat(threats);
  }
}
