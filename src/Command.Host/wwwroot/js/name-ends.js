// Where a name too long for its room is cut: in the middle, never at its end. Agencies' callsigns begin alike
// ("Bundespolizei Streife 124", "Bundespolizei Streife 125") and devices' ids too ("ANDROID-…"): what tells one unit
// from the next is at the end, so the end is kept whole and the beginning gives way ("Bundespol… 124").
import { escapeHtml } from './symbols.js';

/** Ids up to this long are never cut; longer ones keep this many characters of their end. */
const idEnd = 6;

/**
 * A callsign's distinguishing end: from its last word with a digit in it ("124 Süd-West Abschnitt"), else its last
 * word; its beginning is what may give way. [beginning, end], the end with the space before it.
 */
export function callsignEnds(callsign) {
  const words = callsign.trim().split(/(\s+)/);
  if (words.length < 3) return ['', callsign];
  let at = words.length - 1;
  for (let i = words.length - 1; i >= 0; i -= 2) {
    if (/\d/.test(words[i])) {
      at = i;
      break;
    }
  }
  if (at === 0) return ['', callsign];
  return [words.slice(0, at - 1).join(''), words.slice(at - 1).join('')];
}

export function idEnds(id) {
  const chars = Array.from(id);
  return chars.length <= idEnd + 2 ? ['', id] : [chars.slice(0, -idEnd).join(''), chars.slice(-idEnd).join('')];
}

/** The two parts as spans: .lead gives way (cut with an ellipsis), .end stays whole where the room allows. */
export function endsHtml([lead, end]) {
  return lead ? `<span class="lead">${escapeHtml(lead)}</span><span class="end">${escapeHtml(end)}</span>` : `<span class="end">${escapeHtml(end)}</span>`;
}
