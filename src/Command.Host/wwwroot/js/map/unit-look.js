// How a unit looks on the map, worked out when it changes: the shape says the role; the fill, the state's mark
// and the words say the state and flag; a unit's own alert from its device (911, troops in contact) rings it in the
// alert colour and is named before any flag, as on its board row. Only units judged on closing are coloured by state:
// a staging unit holding is doing its job. The colours are the page's own (CSS custom properties), so map and board always agree.
import { role, flag, state, closes } from '../symbols.js';
import { rank } from '../board-order.js';

const names = ['text', 'bg', 'closing', 'watch', 'alert', 'stale', 'info', 'opening', 'halo', 'alert-fill', 'on-alert', 'on-watch', 'on-stale'];

/** The page's palette, read from its style sheet once for each theme: "alert-fill" as alertFill. */
export function readPalette(element = document.documentElement) {
  const style = getComputedStyle(element);
  return Object.fromEntries(names.map(n => [n.replace(/-(.)/g, (_, c) => c.toUpperCase()), style.getPropertyValue(`--${n}`).trim()]));
}

/** A closed incident's flags stand as they were at the close, in grey: nobody is asked to act on them any more. */
export function unitLook(unit, palette, closed = false) {
  const judged = closes(unit.role);
  const flagged = unit.flag === 'alert' || unit.flag === 'watch';
  const stale = unit.state === 'stale';
  const s = state(unit.state);
  const f = flag(unit.flag);
  const fill = stale ? palette.stale : !judged ? palette.text : stateColour(unit.state, palette);
  const alarm = unit.alarm ? `⚠ ${unit.alarm.kind.toUpperCase()}` : '';
  const flagTag = flagged ? `${f.mark} ${f.word}${unit.acknowledged ? ' · ACK' : ''}${closed ? ' AT CLOSE' : ''}` : '';
  return {
    shape: role(unit.role).shape,
    fill,
    flag: flagged ? unit.flag : 'none',
    alarm,
    acknowledged: Boolean(unit.acknowledged),
    closed,
    faded: stale,
    // The state's mark (▼ closing, ■ holding, ▲ opening, ◎ arrived) says in shape what the fill says in colour.
    mark: stale || unit.state === 'unknown' ? '' : s.mark,
    markColour: judged ? fill : palette.text,
    callsign: unit.callsign,
    tag: alarm ? [alarm, flagTag].filter(Boolean).join(' · ') : flagTag || (stale ? `${s.mark} ${unit.signedOff ? 'SIGNED OFF' : s.word}` : ''),
    tagBack: closed ? palette.stale : alarm || unit.flag === 'alert' ? palette.alertFill : unit.flag === 'watch' ? palette.watch : palette.stale,
    tagText: closed ? palette.onStale : alarm || unit.flag === 'alert' ? palette.onAlert : unit.flag === 'watch' ? palette.onWatch : palette.onStale,
    rank: rank(unit),
  };
}

function stateColour(value, palette) {
  switch (value) {
    case 'closing':
    case 'arrived': return palette.closing;
    case 'holding': return palette.watch;
    case 'opening': return palette.opening;
    default: return palette.text;
  }
}
