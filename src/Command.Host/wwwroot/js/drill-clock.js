// The standing banner that says units are judged on a drill's clock other than the incident's: paused, or played fast,
// since when and on whose control. A paused clock raises no hold flag, so like a suppression it is said, in words. A
// drill played from outside that stopped without saying so leaves the clock where it was: a controller gives the
// incident its own clock back from here (the host's own drill is stopped from its panel instead).
import { clock } from './format.js';
import { escapeHtml } from './symbols.js';
import { can } from './session.js';

export class DrillClockBanner {
  constructor(element, picture, { commands, hostDrill }) {
    this.element = element;
    this.picture = picture;
    this.commands = commands;
    this.hostDrill = hostDrill;
    this.text = element.appendChild(document.createElement('span'));
    this.button = element.appendChild(document.createElement('button'));
    this.button.type = 'button';
    this.button.className = 'drill-clock-real';
    this.button.textContent = 'Back to real time';
    this.button.title = 'The drill played from outside has stopped: judge units on the incident\'s own clock again';
    this.button.addEventListener('click', () => this.backToRealTime());
    picture.subscribe(change => { if (change.drillClock || change.reset) this.render(picture.drillClock); });
  }

  render(notice) {
    this.notice = notice;
    this.element.hidden = !notice;
    this.element.dataset.rate = notice ? String(notice.rate) : '';
    this.text.innerHTML = notice ? escapeHtml(words(notice)) : '';
    const live = !this.picture.groupId?.startsWith('replay:');
    this.button.hidden = !notice || !live || this.hostDrill() || !can('control-drills');
  }

  async backToRealTime() {
    if (!this.notice || !this.commands.incidentId) return;
    this.button.disabled = true;
    try {
      await this.commands.drillClock(this.commands.incidentId, this.notice.scenario, 1);
    } finally {
      this.button.disabled = false;
    }
  }
}

function words(n) {
  const since = clock(Date.parse(n.since));
  return n.rate === 0
    ? `Judging paused since ${since} — drill ${n.scenario} paused by ${n.actor}: no hold grows and no unit goes stale until it plays on`
    : `Judged on the drill's clock at ${n.rate}× since ${since} — drill ${n.scenario}, ${n.actor}: ${n.rate} s of the drill to each second here`;
}
