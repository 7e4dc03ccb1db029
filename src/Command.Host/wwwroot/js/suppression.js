// The standing banner that says flags are suppressed, since when, and on whose word: "Flags suppressed since
// 11:38:04 — contained, declared by incident command: subject barricaded". A later declaration says its own time:
// "… since 11:38:04 — neutralized at 11:39:12, declared by …". Units are still judged meanwhile.
import { clock } from './format.js';

export class SuppressionBanner {
  constructor(element, picture) {
    this.element = element;
    picture.subscribe(change => { if (change.threats || change.reset) this.render(picture.suppression); });
  }

  render(suppression) {
    this.element.hidden = !suppression;
    this.element.textContent = suppression
      ? `Flags suppressed since ${clock(Date.parse(suppression.since))} — ${suppression.phase}${suppression.declaredAt ? ` at ${clock(Date.parse(suppression.declaredAt))}` : ''}, declared by ${suppression.actor}: ${suppression.reason}`
      : '';
  }
}
