// The standing banner that says units are judged on a drill's clock other than the incident's: paused, or played fast,
// since when and on whose control. A paused clock raises no hold flag, so like a suppression it is said, in words.
import { clock } from './format.js';
import { escapeHtml } from './symbols.js';

export class DrillClockBanner {
  constructor(element, picture) {
    this.element = element;
    picture.subscribe(change => { if (change.drillClock || change.reset) this.render(picture.drillClock); });
  }

  render(notice) {
    this.element.hidden = !notice;
    this.element.dataset.rate = notice ? String(notice.rate) : '';
    this.element.innerHTML = notice ? escapeHtml(words(notice)) : '';
  }
}

function words(n) {
  const since = clock(Date.parse(n.since));
  return n.rate === 0
    ? `Judging paused since ${since} — drill ${n.scenario} paused by ${n.actor}: no hold grows and no unit goes stale until it plays on`
    : `Judged on the drill's clock at ${n.rate}× since ${since} — drill ${n.scenario}, ${n.actor}: ${n.rate} s of the drill to each second here`;
}
