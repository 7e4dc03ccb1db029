// The standing banner that says which sources of reports feeding the incident are down: a listener a host could not
// bind, a TAK Server or TNC a host cannot reach. Their units would otherwise only go stale one by one, with no word of
// why. The incident records each outage as its host says it, so the banner is the same on every host's page, and a
// replay shows it as it stood then.
import { clock } from './format.js';

export class SourcesBanner {
  constructor(element, picture) {
    this.element = element;
    this.picture = picture;
    // Which units each source leaves unheard changes as they go quiet or are heard again, while one is down.
    picture.subscribe(change => { if (change.sources || change.reset || (picture.sourcesDown.size > 0 && change.units.length > 0)) this.render(); });
  }

  render() {
    const all = [...this.picture.sourcesDown.values()];
    const down = all.filter(o => !o.throttled);
    const throttled = all.filter(o => o.throttled);
    this.element.hidden = all.length === 0;
    // A source refusing part of what comes is not down: its units go stale one by one, and the banner says why. Each
    // says which units that reported through it are unheard now, so a dispatcher sees what the outage costs.
    const unheard = outage => this.unheard(outage);
    const text = [
      down.length ? `Nothing heard from ${down.map(o => words(o) + unheard(o)).join('; ')}` : '',
      throttled.length ? `Refusing part of what comes through ${throttled.map(o => refusing(o) + unheard(o)).join('; ')}` : '',
    ].filter(Boolean).join('. ');
    if (this.element.textContent !== text) this.element.textContent = text;
  }

  // "; 2 units unheard: Tango 1, Kilo 1", the first five by callsign.
  unheard(outage) {
    const names = [];
    for (const unit of this.picture.units.values()) if (this.picture.sourceDownFor(unit) === outage) names.push(unit.callsign);
    if (names.length === 0) return '';
    names.sort((a, b) => a.localeCompare(b));
    const shown = names.length > mostNamed ? `${names.slice(0, mostNamed).join(', ')} and ${names.length - mostNamed} more` : names.join(', ');
    return `; ${names.length === 1 ? '1 unit' : `${names.length} units`} unheard: ${shown}`;
  }
}

const mostNamed = 5;

function words(outage) {
  return `${outage.name}: down since ${clock(Date.parse(outage.since))}${outage.detail ? ` (${outage.detail})` : ''}`;
}

function refusing(outage) {
  return `${outage.name} since ${clock(Date.parse(outage.since))}${outage.detail ? ` (${outage.detail})` : ''}`;
}
