// The standing banner that says a new hostile marker was dropped while the threat stands contained or neutralized: "New
// hostile marker HOSTILE-9 placed by ZULU 1 at 19:32:01, 25 m north of T1, which is contained: T1 stays contained until
// a commander declares it active". A second subject, or the first breaking out, or one more marker on a barricaded
// subject: only command knows which, so the threat is not moved and its flags stay suppressed until someone who may
// change the phase declares it active here, with a reason. It clears then, when the marker is deleted, or at the close.
import { clock, sightingWords } from './format.js';
import { escapeHtml } from './symbols.js';
import { can } from './session.js';
import { ReasonMenu } from './reason-menu.js';

export class SightingBanner {
  constructor(element, picture, commands) {
    this.element = element;
    this.picture = picture;
    this.declare = new ReasonMenu('Declare the threat active because…', ['subject broke out', 'second subject'], 'Declare active',
      (threatId, reason) => commands.setPhase(threatId, 'active', reason));
    picture.subscribe(change => { if (change.threats || change.reset) this.render(picture.threats); });
  }

  render(threats) {
    const sighted = [...threats.values()].filter(t => t.sighted);
    this.element.hidden = sighted.length === 0;
    const live = !this.picture.groupId?.startsWith('replay:');
    this.element.innerHTML = sighted.map(t => {
      const s = t.sighted;
      const words = sightingWords(s.marker, s.heading, s.actor, t.threatId, t.phase, clock(Date.parse(s.at)));
      const action = live && can('command')
        ? ` <button type="button" class="declare-active" data-threat="${escapeHtml(t.threatId)}" title="Declare ${escapeHtml(t.threatId)} active: its flags apply again">Declare active</button>`
        : '';
      return `<span class="sighting">${escapeHtml(words.charAt(0).toUpperCase() + words.slice(1))}${action}</span>`;
    }).join(' ');
    for (const button of this.element.querySelectorAll('.declare-active')) {
      button.addEventListener('click', () => this.declare.open(button, button.dataset.threat));
    }
  }
}
