// The standing banner that says which sources of reports feeding the incident are down: a listener a host could not
// bind, a TAK Server or TNC a host cannot reach. Their units would otherwise only go stale one by one, with no word of
// why. The incident records each outage as its host says it, so the banner is the same on every host's page, and a
// replay shows it as it stood then.
import { clock } from './format.js';

export class SourcesBanner {
  constructor(element, picture) {
    this.element = element;
    picture.subscribe(change => { if (change.sources || change.reset) this.render(picture.sourcesDown); });
  }

  render(sourcesDown) {
    const all = [...(sourcesDown?.values() ?? [])];
    const down = all.filter(o => !o.throttled);
    const throttled = all.filter(o => o.throttled);
    this.element.hidden = all.length === 0;
    // A source refusing part of what comes is not down: its units go stale one by one, and the banner says why.
    this.element.textContent = [
      down.length ? `Nothing heard from ${down.map(words).join('; ')}` : '',
      throttled.length ? `Refusing part of what comes through ${throttled.map(refusing).join('; ')}` : '',
    ].filter(Boolean).join('. ');
  }
}

function words(outage) {
  return `${outage.name}: down since ${clock(Date.parse(outage.since))}${outage.detail ? ` (${outage.detail})` : ''}`;
}

function refusing(outage) {
  return `${outage.name} since ${clock(Date.parse(outage.since))}${outage.detail ? ` (${outage.detail})` : ''}`;
}
