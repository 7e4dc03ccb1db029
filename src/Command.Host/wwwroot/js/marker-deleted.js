// The standing banner that says a threat's map marker was deleted on a device, or marked there as other than hostile,
// while the threat stands here: "Threat T1's marker deleted on a device at 11:42:05 (cot:ANDROID-…) — it stands here,
// active, until it is placed again or its phase is declared". The devices' maps no longer show it as a threat; this one
// does, and says why, until command decides.
import { clock, markerWords } from './format.js';

export class MarkerDeletedBanner {
  constructor(element, picture) {
    this.element = element;
    picture.subscribe(change => { if (change.threats || change.reset) this.render(picture.threats); });
  }

  render(threats) {
    // Only a threat still active asks for a decision: one declared contained or neutralized has had it.
    const deleted = [...threats.values()].filter(t => t.markerDeleted && t.phase === 'active');
    this.element.hidden = deleted.length === 0;
    this.element.textContent = deleted.map(t => `Threat ${t.threatId}'s marker ${markerWords(t.markerDeleted.became)} on a device at ${clock(Date.parse(t.markerDeleted.at))} `
      + `(${t.markerDeleted.actor}) — it stands here, ${t.phase}, until it is placed again or its phase is declared`).join('; ');
  }
}
