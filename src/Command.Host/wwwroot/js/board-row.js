// One row of the unit board. Cells are built once and their text replaced, so a busy board stays cheap.
import { roles, flag, shapeSvg, state, escapeHtml } from './symbols.js';
import { metres, rate, duration, age, since } from './format.js';

const sources = { json: 'JSON', simulator: 'SIM', coT: 'CoT', nmea: 'NMEA', aprs: 'APRS', osmAnd: 'OsmAnd' };

export function createRow(unit, commands, onToggle) {
  const tr = document.createElement('tr');
  tr.dataset.unit = unit.unitId;
  tr.innerHTML = '<th scope="row" class="callsign"></th><td class="role"><span class="role-shape"></span><select aria-label="Role"></select></td>'
    + '<td class="state"></td><td class="flag"></td><td class="num distance"></td><td class="num rate"></td><td class="num eta"></td>'
    + '<td class="num in-state"></td><td class="num fix-age"></td><td class="source"></td>';
  const cell = name => tr.querySelector(`.${name}`);
  const select = tr.querySelector('select');
  select.innerHTML = roles.map(r => `<option value="${r.value}">${r.label}</option>`).join('');
  select.addEventListener('click', e => e.stopPropagation());
  select.addEventListener('change', async () => {
    const ok = await commands.changeRole(tr.dataset.unit, roles.find(r => r.value === select.value).wire);
    if (!ok) select.value = tr.dataset.role;
  });
  tr.addEventListener('click', e => { if (!e.target.closest('button, select, a')) onToggle(); });
  return {
    tr, select,
    callsign: cell('callsign'), roleShape: cell('role-shape'), state: cell('state'), flag: cell('flag'),
    distance: cell('distance'), rate: cell('rate'), eta: cell('eta'), inState: cell('in-state'), fixAge: cell('fix-age'), source: cell('source'),
  };
}

export function renderRow(row, unit, picture) {
  row.tr.dataset.role = unit.role;
  row.tr.dataset.flag = unit.flag;
  row.tr.dataset.state = unit.state;
  row.tr.className = `flag-${unit.flag} state-${unit.state}${unit.acknowledged ? ' acknowledged' : ''}${row.tr.classList.contains('selected') ? ' selected' : ''}`;
  set(row.callsign, `<b>${escapeHtml(unit.callsign)}</b>${unit.callsign !== unit.unitId ? `<small>${escapeHtml(unit.unitId)}</small>` : ''}`);
  set(row.roleShape, shapeSvg(unit.role, 18));
  if (document.activeElement !== row.select) row.select.value = unit.role;
  const s = state(unit.state);
  set(row.state, `<span class="state-word">${s.mark} ${s.word}</span>`);
  set(row.flag, flagHtml(unit));
  set(row.distance, distanceHtml(unit));
  set(row.rate, escapeHtml(rate(unit.closingRateMps)));
  set(row.eta, escapeHtml(unit.etaS == null ? '—' : duration(unit.etaS)));
  set(row.source, escapeHtml(sources[unit.lastFix?.source] ?? unit.lastFix?.source ?? '—'));
  tickRow(row, unit, picture);
}

export function tickRow(row, unit, picture) {
  if (!unit) return;
  const now = picture.now();
  set(row.inState, escapeHtml(duration(since(now, unit.stateSince))));
  set(row.fixAge, escapeHtml(age(since(now, unit.lastFix?.fixTime))));
}

function flagHtml(unit) {
  if (!unit.flag || unit.flag === 'none') return '';
  const f = flag(unit.flag);
  const ack = unit.acknowledged ? '<span class="ack-badge">ACK</span>' : '';
  return `<span class="flag-word">${f.mark} ${f.word}</span>${ack}<span class="reason">${escapeHtml(unit.flagReason ?? '')}</span>`;
}

function distanceHtml(unit) {
  if (unit.pathDistanceM != null) {
    return `<b>path ${escapeHtml(metres(unit.pathDistanceM))}</b><small>straight ${escapeHtml(metres(unit.distanceM))}</small>`;
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
