// A closed incident takes nothing more: a banner stands across the page, in words — "Incident closed at 19:51:14 by
// cmdr: exercise r8z finished, units released" — live as it closes, on a page opened after, and in a replay from the
// close on. Every command control is disabled meanwhile and says why on hover, as the host would refuse it (409 closed).
import { clock } from './format.js';

/** When, by whom and why the incident was closed (who and why are left out where the host no longer knows them). */
export function closedWords(closed) {
  const by = closed.actor ? ` by ${closed.actor}` : '';
  const why = closed.reason ? `: ${closed.reason}` : '';
  return `Incident closed at ${clock(Date.parse(closed.time))}${by}${why}`;
}

/** What a command control says on hover while the incident is closed. */
export function closedRefusal(closed) {
  return `${closedWords(closed)} — it takes no more commands`;
}

export class ClosedBanner {
  constructor(element, picture) {
    this.element = element;
    picture.subscribe(change => { if (change.closed) this.render(picture.closed); });
  }

  render(closed) {
    // The page's flags stand as they were at the close, greyed, with nothing to acknowledge (css: body.incident-closed).
    document.body.classList.toggle('incident-closed', Boolean(closed));
    this.element.hidden = !closed;
    this.element.textContent = closed ? closedWords(closed) : '';
  }
}
