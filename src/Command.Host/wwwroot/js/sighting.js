// The standing banner that says a new hostile marker was dropped while the threat stands contained or neutralized: "New
// hostile marker HOSTILE-9 placed by ZULU 1 at 19:32:01, 25 m north of T1, which is contained: T1 stays contained until
// a commander declares it active". A second subject, or the first breaking out, or one more marker on a barricaded
// subject: only command knows which, so the threat is not moved and its flags stay suppressed until someone who may
// change the phase declares it active here, with a reason. It clears then, when the marker is deleted, or at the close.
// Dropped away from an active threat (a suspicious package, a second caller's location) it does not move the shooter
// either: "…, which is active: T1 stays where it is until a commander moves it", with "Move T1 here".
import { clock, sightingWords } from './format.js';
import { escapeHtml } from './symbols.js';
import { can } from './session.js';
import { ReasonMenu } from './reason-menu.js';

export class SightingBanner {
  constructor(element, picture, commands) {
    this.element = element;
    this.picture = picture;
    this.commands = commands;
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
      const id = escapeHtml(t.threatId);
      const action = !live || !can('command') ? ''
        : t.phase === 'active'
          ? ` <button type="button" class="move-to-sighting" data-threat="${id}" title="Move ${id} to where ${escapeHtml(s.marker)} was dropped: units are judged against it there">Move ${id} here</button>`
          : ` <button type="button" class="declare-active" data-threat="${id}" aria-haspopup="menu" aria-expanded="false" title="Declare ${id} active: its flags apply again">Declare active</button>`;
      return `<span class="sighting">${escapeHtml(words.charAt(0).toUpperCase() + words.slice(1))}${action}</span>`;
    }).join(' ');
    for (const button of this.element.querySelectorAll('.declare-active')) {
      button.addEventListener('click', () => this.declare.open(button, button.dataset.threat));
    }
    // Redrawn as any threat changes: the reasons asked for stay beside the button that asked, while it stands.
    const asked = this.declare.subject && this.element.querySelector(`.declare-active[data-threat="${CSS.escape(this.declare.subject)}"]`);
    if (asked) this.declare.follow(asked); else this.declare.close();
    for (const button of this.element.querySelectorAll('.move-to-sighting')) {
      button.addEventListener('click', () => this.moveToSighting(button, button.dataset.threat));
    }
  }

  // Placed there by the commander: the threat keeps what it is said to be, not a floor the marker did not give.
  async moveToSighting(button, threatId) {
    const threat = this.picture.threats.get(threatId);
    if (!threat?.sighted) return;
    button.disabled = true;
    const at = { lat: threat.sighted.position.latitude, lng: threat.sighted.position.longitude };
    if (!await this.commands.moveThreat(threatId, at, { ...threat, floor: null })) button.disabled = false;
  }
}
