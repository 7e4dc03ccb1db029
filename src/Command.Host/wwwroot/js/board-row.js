// One row of the unit board. Cells are built once and their text replaced, so a busy board stays cheap; a row is
// kept for its unit while it is on screen and handed to another unit once it scrolls away.
// Seven columns, so the numbers a commander acts on can be large at 1280×720: who (and role), status (flag,
// state and reason), distance, closing rate, ETA, time in state, and the last fix (its age and source).
import { roles, flag, shapeSvg, state, closes, escapeHtml } from './symbols.js';
import { metres, rate, span, age, since, clock } from './format.js';
import { callsignEnds, idEnds, endsHtml } from './name-ends.js';
import { showUndo } from './notice.js';

/** The role picker's last choice: not a role, but letting the unit go from the incident (asked why first). */
const releaseChoice = 'release';

const sources = { json: 'JSON', simulator: 'SIM', cot: 'CoT', nmea: 'NMEA', aprs: 'APRS', osmand: 'OsmAnd' };

export function createRow(commands, onClick, onRelease) {
  const tr = document.createElement('div');
  tr.setAttribute('role', 'row');
  tr.className = 'board-row';
  // Reached by the keyboard (board.js keeps one row in the Tab order) and read as its cells: what Enter and the arrows do
  // is the board's description, said once as the keyboard comes to it, not after every unit.
  tr.tabIndex = -1;
  tr.innerHTML = '<div role="rowheader" class="who"><span class="callsign"></span><span class="role"><select aria-label="Role"></select><small class="unit-id"></small></span></div>'
    + '<div role="cell" class="status"></div><div role="cell" class="num distance"></div><div role="cell" class="num rate"></div><div role="cell" class="num eta"></div>'
    + '<div role="cell" class="num in-state"></div><div role="cell" class="num fix"><span class="fix-age"></span><small class="source"></small></div>';
  const cell = name => tr.querySelector(`.${name}`);
  const select = tr.querySelector('select');
  select.innerHTML = roles.map(r => `<option value="${r.value}">${r.label}</option>`).join('')
    + `<option disabled>──────────</option><option value="${releaseChoice}">Release from incident…</option>`;
  select.addEventListener('click', e => e.stopPropagation());
  select.addEventListener('change', async () => {
    if (select.value === releaseChoice) {
      // Nothing is done until the commander says why; the picker shows the role the unit has meanwhile.
      select.value = tr.dataset.role;
      onRelease(tr.dataset.unit, select);
      return;
    }
    const [unitId, before, after] = [tr.dataset.unit, roles.find(r => r.value === tr.dataset.role), roles.find(r => r.value === select.value)];
    // Undone in the incident it was made in: pressed once another incident was picked, the undo reassigned that one's
    // unit of the same id (runs of one scenario share them), and left this one's as it was.
    const incidentId = commands.incidentId;
    const ok = await commands.changeRole(unitId, after.wire, incidentId, before?.wire);
    if (!ok) {
      select.value = tr.dataset.role;
      return;
    }
    // Reassigned at once, as a commander means it; said, with the way back, in case the pick was a stray one.
    const callsign = tr.querySelector('.callsign b')?.title || unitId;
    if (before) showUndo(`${callsign} reassigned: ${before.label} → ${after.label}.`, `Undo (back to ${before.label})`, () => commands.changeRole(unitId, before.wire, incidentId, after.wire));
  });
  tr.addEventListener('click', e => { if (!e.target.closest('button, select, a')) onClick(tr.dataset.unit); });
  return {
    tr, select, unitId: null,
    callsign: cell('callsign'), id: cell('unit-id'), status: cell('status'),
    distance: cell('distance'), rate: cell('rate'), eta: cell('eta'), inState: cell('in-state'), fixAge: cell('fix-age'), source: cell('source'),
  };
}

export function renderRow(row, unit, picture, marks) {
  row.unitId = unit.unitId;
  row.tr.dataset.unit = unit.unitId;
  row.tr.dataset.role = unit.role;
  row.tr.dataset.flag = unit.flag;
  row.tr.dataset.state = unit.state;
  const className = `board-row flag-${unit.flag} state-${unit.state}${closes(unit.role) ? ' judged' : ''}${unit.acknowledged ? ' acknowledged' : ''}${unit.alarm ? ' alarm' : ''}${marks}`;
  if (row.tr.className !== className) row.tr.className = className;
  // A callsign or id too long for the column is cut in the middle, keeping the end that tells units apart; the whole
  // text is on hover.
  set(row.callsign, `${shapeSvg(unit.role, 18)}<b title="${escapeHtml(unit.callsign)}">${endsHtml(callsignEnds(unit.callsign))}</b>${deviceCallsignHtml(unit)}`);
  set(row.id, unit.callsign !== unit.unitId ? endsHtml(idEnds(unit.unitId)) : '');
  if (row.id.title !== unit.unitId) row.id.title = unit.unitId;
  if (document.activeElement !== row.select) row.select.value = unit.role;
  // Reached by Tab, every picker was read as "Role" alike: which unit's it changes is in its name.
  const named = `Role of ${unit.callsign}`;
  if (row.select.getAttribute('aria-label') !== named) row.select.setAttribute('aria-label', named);
  set(row.status, statusHtml(unit, picture));
  set(row.distance, distanceHtml(unit));
  set(row.rate, escapeHtml(rate(unit.closingRateMps)));
  set(row.eta, escapeHtml(unit.etaS == null ? '—' : span(unit.etaS)));
  set(row.source, sourceHtml(unit, picture));
  row.tr.querySelector('.fix').classList.toggle('refused', refusing(unit) != null);
  tickRow(row, unit, picture);
}

export function tickRow(row, unit, picture) {
  if (!unit) return;
  const now = picture.now();
  set(row.inState, escapeHtml(span(since(now, unit.stateSince))));
  set(row.fixAge, escapeHtml(unit.lastFix ? age(since(now, unit.lastFix.fixTime)) : 'no fix'));
}

// What the unit's device calls itself, beside the callsign it is enrolled under, while the two differ: a phone that
// changed hands or role, or one enrolled under a callsign its user never set.
function deviceCallsignHtml(unit) {
  const own = unit.lastFix?.callsign;
  if (!own || own === unit.callsign) return '';
  return `<small class="device-callsign" title="${escapeHtml(`its device reports as “${own}”`)}">“${escapeHtml(own)}”</small>`;
}

// Where the last fix came from; while the unit's reports are being refused, that instead, with why on hover (and in
// the status cell when no flag is up): a unit whose phone's clock is minutes off reports all along and still shows
// no fix, or an old one.
function sourceHtml(unit, picture) {
  const r = refusing(unit);
  if (!r) return escapeHtml(sources[unit.lastFix?.source] ?? unit.lastFix?.source ?? '') + clockHtml(unit.lastFix?.clockCorrectionS) + sourceDownHtml(unit, picture);
  return `<span class="refused-word" data-reason="${escapeHtml(r.reason)}" title="${escapeHtml(refusedWords(r))}">REFUSED</span>`;
}

// A device whose clock is off the host's has its fix times put right, and says so under its source ("42 s slow", the
// whole on hover): a dispatcher sees which phone needs its time set, and a trainer reading the fix age knows it is the
// host's.
function clockHtml(seconds) {
  if (!seconds) return '';
  const off = Math.abs(seconds);
  const amount = off < 90 ? `${Math.round(off)} s` : off < 5400 ? `${Math.round(off / 60)} min` : `${Math.round(off / 3600)} h`;
  const words = `its device's clock runs ${amount} ${seconds > 0 ? 'behind' : 'ahead of'} this host's: its fix times are taken ${amount} ${seconds > 0 ? 'later' : 'earlier'}`;
  return `<small class="clock-word" title="${escapeHtml(words)}">${escapeHtml(amount)} ${seconds > 0 ? 'slow' : 'fast'}</small>`;
}

// A lone fix thrown far off by multipath is refused as a jump and the next one on its track taken: like a fix held back,
// it is said in the status cell, and the row is marked refused only once its reports go on being refused.
function refusing(unit) {
  const r = unit.refused;
  return r && !(r.reason === 'sudden-jump' && r.count < 2) ? r : null;
}

function refusedWords(r) {
  return `${r.count > 1 ? `${r.count} reports` : 'its report'} refused (${r.reason}): ${r.detail}`;
}

// A unit's own emergency, raised from its device, comes first in its status until the device cancels it.
function alarmHtml(unit) {
  const a = unit.alarm;
  if (!a) return '';
  const words = `${a.kind} raised from its device (${a.actor})`;
  return `<span class="alarm-badge" title="${escapeHtml(words)}">⚠ ${escapeHtml(a.kind.toUpperCase())}</span>`;
}

function statusHtml(unit, picture) {
  return alarmHtml(unit) + judgedHtml(unit, picture);
}

// A unit not heard for longer than its cadence explains whose reports came through a source that is down now says so, as
// the banner names it: its radio may be sending on, unheard.
function sourceDownWords(outage) {
  if (!outage) return '';
  const at = clock(Date.parse(outage.since));
  return outage.throttled
    ? `part of what comes through ${outage.name}, which it reported through, refused since ${at}`
    : `nothing heard from ${outage.name}, which it reported through, since ${at}`;
}

// A unit gone quiet whose last fix came in through a host that has left the cluster since: which host, since when. The
// leaving is dated when the cluster noticed it, seconds after the host went; when it was last heard from, where recorded,
// says when its radios went unheard, as the feed says it.
function hostLeftWords(left) {
  if (!left) return '';
  const heard = left.lastHeard ? ` (last heard from at ${clock(Date.parse(left.lastHeard))})` : '';
  return `its host ${left.host} left the cluster at ${clock(Date.parse(left.time))}${heard}: what it sends there is not heard until it reaches another host`;
}

// Why a unit not heard went quiet, where the page knows: the source it reported through is down, or its host left.
function quietWords(unit, picture) {
  return sourceDownWords(picture.sourceDownFor(unit)) || hostLeftWords(picture.hostLeftFor(unit));
}

// Under its last fix's source ("CoT" over "DOWN", or "HOST LEFT"), with the words on hover: a flagged unit's status cell
// is its flag's reason.
function sourceDownHtml(unit, picture) {
  const outage = picture.sourceDownFor(unit);
  if (!outage) {
    const left = picture.hostLeftFor(unit);
    return left ? `<small class="source-down-word" title="${escapeHtml(hostLeftWords(left))}">HOST LEFT</small>` : '';
  }
  return `<small class="source-down-word" title="${escapeHtml(sourceDownWords(outage))}">${outage.throttled ? 'REFUSING' : 'DOWN'}</small>`;
}

// A unit whose device signed off is stale for that reason, and says so: it went dark on purpose, or its server lost it.
function signedOffWords(off) {
  return `its device signed off at ${clock(Date.parse(off.at))} (${off.actor}): no position until it reports again`;
}

function stateWordHtml(unit) {
  const s = state(unit.state);
  return unit.state === 'stale' && unit.signedOff
    ? `<span class="state-word signed-off" title="${escapeHtml(signedOffWords(unit.signedOff))}">${s.mark} SIGNED OFF</span>`
    : `<span class="state-word">${s.mark} ${s.word}</span>`;
}

function judgedHtml(unit, picture) {
  const stateWord = stateWordHtml(unit);
  if (!unit.flag || unit.flag === 'none') {
    // Why a unit counts as arrived is said, so "arrived" is never just near: "inside B12, 12 m from the threat".
    // So is why one standing still is not flagged, when its fixes cannot tell it from a unit in contact, and why its
    // marker jumped while its distance did not: its latest reports are held back as multipath. And why one went stale,
    // where the source it reported through is down.
    const why = escapeHtml((unit.state === 'arrived' ? unit.arrivalReason : unit.inReachReason) ?? unit.heldBackReason
      ?? (unit.refused ? refusedWords(unit.refused) : unit.signedOff ? signedOffWords(unit.signedOff) : unit.state === 'stale' ? quietWords(unit, picture) : ''));
    return why ? `${stateWord}<span class="reason arrival" title="${why}">${why}</span>` : stateWord;
  }
  const f = flag(unit.flag);
  const ack = unit.acknowledged ? '<span class="ack-badge">ACK</span>' : '';
  const reason = escapeHtml(unit.flagReason ?? '');
  // A row is two lines high; the reason is cut at two lines with its whole text on hover and in the flag list.
  return `<span class="flag-word">${f.mark} ${f.word}</span>${ack}${stateWord}<span class="reason" title="${reason}">${reason}</span>`;
}

function distanceHtml(unit) {
  if (unit.pathDistanceM != null) {
    // Two short lines: on one, the straight distance was cut off by the column on a laptop's screen.
    return `<b>${escapeHtml(metres(unit.pathDistanceM))}</b><small>by path</small><small>${escapeHtml(metres(unit.distanceM))} straight</small>`;
  }
  return `<b>${escapeHtml(metres(unit.distanceM))}</b>`;
}

const written = new WeakMap();

function set(cell, html) {
  if (written.get(cell) !== html) {
    cell.innerHTML = html;
    written.set(cell, html);
  }
}
