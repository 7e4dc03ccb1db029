// The standing banner that says which sources of reports this host hears nothing from: a listener that could not bind
// its port, a TAK Server or TNC it cannot reach. Their units would otherwise only go stale one by one, with no word of
// why. Asked of the host every few seconds while the page shows a live incident, and as soon as it turns to one; it
// shows only what the host said (not every live-only element: shown with the rest, it stood empty until asked).
import { get } from './api.js';
import { clock } from './format.js';

const EveryMs = 10000;

export class SourcesBanner {
  constructor(element, live) {
    this.element = element;
    this.live = live;
    this.refresh();
    setInterval(() => this.refresh(), EveryMs);
  }

  async refresh() {
    if (!this.live()) {
      this.element.hidden = true;
      return;
    }

    try {
      this.render(await get('/api/sources'));
    } catch {
      // The connection's own banner says when the host cannot be reached.
    }
  }

  render(sources) {
    const down = (sources ?? []).filter(s => s.condition === 'notBound' || s.condition === 'unreachable');
    this.element.hidden = down.length === 0;
    this.element.textContent = down.length === 0 ? ''
      : `Nothing heard from ${down.map(words).join('; ')}`;
  }
}

function words(source) {
  const why = source.condition === 'notBound' ? 'not listening' : 'cannot reach';
  return `${source.name}: ${why} since ${clock(Date.parse(source.since))}${source.detail ? ` (${source.detail})` : ''}`;
}
