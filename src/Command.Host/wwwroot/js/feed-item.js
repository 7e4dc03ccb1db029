// One line of the flag feed: when, what happened, to whom, and why (or who did it).
import { flag, role, escapeHtml } from './symbols.js';
import { clock, markerWords, sightingWords } from './format.js';

// Flags, and every command a commander gives, with who gave it.
export const feedTypes = new Set([
  'flag-raised', 'flag-escalated', 'flag-cleared', 'flag-acknowledged', 'threat-set', 'threat-phase-changed', 'unit-role-changed', 'drill-controlled',
  'incident-closed', 'unit-alarmed', 'threat-marker-deleted', 'threat-sighted', 'unit-signed-off', 'unit-released', 'unit-device-renamed', 'source-changed', 'host-departed', 'incident-resumed', 'recording-interrupted', 'site-set',
]);

/** A feed line; a fresh one (arrived while watching) flashes once, a recorded one read back does not. */
export function feedItem(e, picture, fresh) {
  const li = document.createElement('li');
  li.className = `feed-item${fresh ? ' new' : ''} ${e.type} flag-${e.level ?? 'none'}`;
  li.dataset.subject = e.subject ?? e.threatId ?? e.threat?.threatId ?? e.unitId ?? e.action ?? e.sourceId ?? e.host ?? e.site?.name ?? '';
  li.dataset.type = e.type;
  li.dataset.sequence = String(e.sequence ?? '');
  li.innerHTML = `<time>${clock(Date.parse(e.time))}</time>${describe(e, picture)}`;
  return li;
}

/** A timeline marker read back from the recording, in the shape frames carry the same event. */
export function fromMarker(m) {
  switch (m.type) {
    case 'threat-set': return { ...m, threat: { threatId: m.subject, phase: m.level, about: m.about } };
    case 'threat-phase-changed': return { ...m, threatId: m.subject, phase: m.level };
    case 'threat-marker-deleted': return { ...m, threatId: m.subject, marker: m.reason, became: m.level, sighting: m.about === 'sighting', level: undefined };
    case 'threat-sighted': return { ...m, threatId: m.subject, phase: m.level, heading: m.reason, marker: m.about, level: undefined };
    case 'unit-role-changed': return { ...m, unitId: m.subject, role: m.level };
    case 'unit-alarmed': return { ...m, unitId: m.subject, kind: m.reason, cancelled: m.level === 'cancelled', level: undefined };
    case 'unit-signed-off': return { ...m, unitId: m.subject };
    case 'unit-released': return { ...m, unitId: m.subject };
    case 'unit-device-renamed': return { ...m, unitId: m.subject, callsign: m.reason, was: m.about };
    case 'source-changed': return { ...m, sourceId: m.subject, name: m.about, down: m.level === 'down' || m.level === 'throttled', throttled: m.level === 'throttled', detail: m.reason, host: m.actor, level: undefined };
    case 'host-departed': return { ...m, host: m.subject, by: m.actor, restarted: m.level === 'restarted', lastHeard: m.about, level: undefined };
    case 'incident-resumed': return { ...m, host: m.subject, resumed: (m.about ?? '/').split('/')[1] };
    case 'recording-interrupted': {
      const [reports, commands] = (m.level ?? '0/0').split('/').map(Number);
      const [from, until] = (m.about ?? '/').split('/');
      return { ...m, host: m.subject, from, until, reports, commands, detail: m.reason, level: undefined };
    }
    // The timeline names the site and says how much ground it has; the frame that carried it live carries it whole.
    case 'site-set': return { ...m, site: { name: m.subject }, ground: m.about, scenario: m.reason, subject: undefined };
    case 'drill-controlled': {
      const level = m.level ? Number(m.level) : null;
      return { ...m, action: m.subject, scenario: m.reason, round: m.subject === 'clock' ? null : level, speed: m.subject === 'clock' ? level : null };
    }
    default: return m;
  }
}

/**
 * Whom a flag or a command is about, as people say it: a unit by its callsign, a zone by its kind and the name the site
 * gives it ("hot zone Main building", "casualty collection point South lawn"), as its own flags and the after-action
 * documents name it (so a flag's reason, which says it first, reads after it once); a zone the site shown does not have
 * by its id ("HOT zone").
 */
export function subjectName(subject, picture) {
  if (!subject?.startsWith('zone:')) return picture.callsign(subject);
  const zoneId = subject.substring(5);
  const zone = picture.zone(zoneId);
  return zone ? `${zoneKindWords[zone.kind] ?? `${zone.kind} zone`} ${zone.name}` : `${zoneId.toUpperCase()} zone`;
}

// A zone's kind as its flags say it, where that is not "{kind} zone".
const zoneKindWords = { casualtyCollection: 'casualty collection point' };

// An escalation under a commander's acknowledgement is recorded and shown, but does not bring the flag back.
export const quietly = ' — acknowledged, kept quiet';

/**
 * A flag's reason after the name it is shown beside: a zone's flag says its zone first ("hot zone Main building has
 * had no contact unit…"), which read twice beside the name.
 */
export function reasonAfter(name, reason) {
  return name && reason?.startsWith(`${name} `) ? reason.substring(name.length + 1) : reason;
}

function describe(e, picture) {
  const name = subjectName(e.subject, picture);
  const who = `<b>${escapeHtml(name)}</b>`;
  const reason = text => `<span class="reason">${escapeHtml(reasonAfter(name, text) ?? '')}</span>`;
  switch (e.type) {
    case 'flag-raised': return `<span class="verb">${flag(e.level).mark} ${flag(e.level).word}</span>${who}${reason(e.reason)}`;
    case 'flag-escalated': return `<span class="verb">⇧ ${flag(e.level).word}</span>${who}${reason(e.acknowledged ? `${e.reason}${quietly}` : e.reason)}`;
    case 'flag-cleared': return `<span class="verb">✓ CLEARED</span>${who}${reason(e.reason)}`;
    case 'flag-acknowledged': return `<span class="verb">ACK</span>${who}${reason(`${e.reason} — ${e.actor}`)}`;
    // A declared phase (it carries a reason) reads as the phase; a placement or move says the phase it left the threat in.
    case 'threat-set': return `<span class="verb">THREAT</span><b>${escapeHtml(e.reason && e.threat?.phase ? e.threat.phase.toUpperCase() : `PLACED${e.threat?.phase ? ` · ${e.threat.phase.toUpperCase()}` : ''}`)}</b>${reason([described(e.threat), e.reason, e.actor].filter(Boolean).join(' — '))}`;
    case 'threat-phase-changed': return `<span class="verb">THREAT</span><b>${escapeHtml(e.phase.toUpperCase())}</b>${reason(e.reason ? `${e.reason} — ${e.actor}` : e.actor)}`;
    // The threat's marker taken off a device's map: the threat stands here until command decides.
    // A new hostile marker on a contained threat: said, the threat unmoved, until command declares it active.
    case 'threat-sighted': return `<span class="verb">⚠ THREAT</span><b>NEW MARKER · ${e.phase === 'active' ? 'NOT MOVED' : `STAYS ${escapeHtml(e.phase.toUpperCase())}`}</b>${reason(`${sightingWords(e.marker, e.heading, e.actor, e.threatId, e.phase)} — ${e.actor}`)}`;
    // A sighting's marker taken off the map: the sighting is said no more, and the threat stands as it did.
    case 'threat-marker-deleted': return e.sighting
      ? `<span class="verb">THREAT</span><b>${e.became ? `NEW MARKER NOW ${escapeHtml(e.became.toUpperCase())}` : 'NEW MARKER DELETED'}</b>${reason(`new hostile marker ${e.marker} ${markerWords(e.became)} on a device: no longer said of the threat, which stands as it did — ${e.actor}`)}`
      : `<span class="verb">THREAT</span><b>${e.became ? `MARKER NOW ${escapeHtml(e.became.toUpperCase())}` : 'MARKER DELETED'}</b>${reason(`${e.marker} ${markerWords(e.became)} on a device; the threat stands as placed until placed again or declared — ${e.actor}`)}`;
    // A unit's own emergency, from its device: raised, and cancelled.
    case 'unit-alarmed': return e.cancelled
      ? `<span class="verb">✓ ALERT CANCELLED</span><b>${escapeHtml(picture.callsign(e.unitId))}</b>${reason(`${e.kind} — ${e.actor}`)}`
      : `<span class="verb">⚠ ${escapeHtml(e.kind.toUpperCase())}</span><b>${escapeHtml(picture.callsign(e.unitId))}</b>${reason(`from its device — ${e.actor}`)}`;
    // A unit's device left: ATAK signing off, or a TAK server that lost it. Shown stale from here, not where it last said it stands.
    case 'unit-signed-off': return `<span class="verb">○ SIGNED OFF</span><b>${escapeHtml(picture.callsign(e.unitId))}</b>${reason(`its device left; no position until it reports again — ${e.actor}`)}`;
    // A unit let go from the incident: off the board, judged no more, free for another incident to enrol.
    case 'unit-released': return `<span class="verb">⇤ RELEASED</span><b>${escapeHtml(e.name ?? picture.callsign(e.unitId))}</b>${reason(`let go from this incident: ${e.reason} — ${e.actor}`)}`;
    // A unit's device calling itself otherwise: the phone may have changed hands or role. The unit keeps its enrolled callsign.
    case 'unit-device-renamed': return `<span class="verb">✎ RENAMED</span><b>${escapeHtml(picture.callsign(e.unitId))}</b>${reason(`its device now reports as “${e.callsign}” (was “${e.was}”)`)}`;
    // A source of reports feeding the incident down, on its host's word, and heard again: why its units went quiet. One
    // no longer down but not heard says why: its host left the cluster, and no host runs it now.
    case 'source-changed': return e.throttled
      ? `<span class="verb">⚠ SOURCE THROTTLED</span><b>${escapeHtml(e.name)}</b>${reason(`refusing part of what comes${e.detail ? `: ${e.detail}` : ''} — host ${e.host}`)}`
      : e.down
      ? `<span class="verb">⚠ SOURCE DOWN</span><b>${escapeHtml(e.name)}</b>${reason(`${e.detail ? `${e.detail} — ` : ''}host ${e.host}`)}`
      : e.detail
        ? `<span class="verb">✕ SOURCE GONE</span><b>${escapeHtml(e.name)}</b>${reason(`${e.detail} — said by host ${e.host}`)}`
        : `<span class="verb">✓ SOURCE HEARD</span><b>${escapeHtml(e.name)}</b>${reason(`heard again — host ${e.host}`)}`;
    // A host of the cluster declared dead: why units reporting through its listeners went quiet together. Dated when the
    // cluster noticed it gone; when it was last heard from, where recorded, says when it went.
    case 'host-departed': return e.restarted
      ? `<span class="verb">✕ HOST RESTARTED</span><b>${escapeHtml(e.host)}</b>${reason(`left the cluster${leftAt(e)} and came up again at its address: radios and trackers sending to it were not heard while it was down, unless they reached another host — said by host ${e.by}`)}`
      : `<span class="verb">✕ HOST LEFT</span><b>${escapeHtml(e.host)}</b>${reason(`left the cluster${leftAt(e)}: radios and trackers sending to it are not heard until they reach another host — said by host ${e.by}`)}`;
    // The incident running again after its host stopped: every unit went unheard then because nothing was heard.
    case 'incident-resumed': return `<span class="verb">⟳ RESUMED</span><b>${span(e.time, e.resumed)}</b>${reason(`the incident was not running: its host ${e.host} stopped or restarted; what was sent to it meanwhile was not heard, unless its device sent it again`)}`;
    // A hole in the record, told once the incident records again: what the host handed it meanwhile was refused.
    case 'recording-interrupted': return `<span class="verb">⚠ NOT RECORDED</span><b>${span(e.from, e.until)}</b>${reason(`the incident could not record: ${refused(e)} handed to it by host ${e.host} ${e.reports + e.commands === 1 ? 'was' : 'were'} refused and ${e.reports + e.commands === 1 ? 'is' : 'are'} not in the record${e.detail ? ` (${e.detail})` : ''}`)}`;
    // A site given to an incident opened with only an origin (a drill's start brings its scenario's): the map redraws with
    // it, and the feed says what came, from which drill, and who started it.
    case 'site-set': return `<span class="verb">SITE SET</span><b>${escapeHtml(e.site?.name ?? '')}</b>${reason([e.ground ?? ground(e.site), e.scenario ? `drill ${e.scenario}` : null, e.actor].filter(Boolean).join(' — '))}`;
    case 'unit-role-changed': return `<span class="verb">ROLE</span><b>${escapeHtml(picture.callsign(e.unitId))}</b> → ${escapeHtml(role(e.role).label)}${reason(e.actor)}`;
    // A start-over clears every flag and forgets where units stood: the feed says so once, not unit by unit.
    case 'drill-controlled': return drillControlled(e);
    case 'incident-closed': return `<span class="verb">INCIDENT</span><b>CLOSED</b>${reason(`${e.reason} — ${e.actor}`)}`;
    default: return escapeHtml(e.type);
  }
}

/** When a hole in the record was: "19:32:01–19:34:06", or one time where it held one refusal. */
export function span(from, until) {
  const [a, b] = [clock(Date.parse(from)), clock(Date.parse(until))];
  return a === b ? a : `${a}–${b}`;
}

// What a host had refused while the incident could not record: "22 reports and 1 command".
// " at 21:43:32 (last heard from at 21:43:21)" for a host's leaving recorded with when it was last heard from; else nothing.
function leftAt(e) {
  return e.lastHeard ? ` at ${clock(Date.parse(e.time))} (last heard from at ${clock(Date.parse(e.lastHeard))})` : '';
}

export function refused(e) {
  const count = (n, what) => (n === 1 ? `1 ${what}` : `${n} ${what}s`);
  return e.commands === 0 ? count(e.reports, 'report') : e.reports === 0 ? count(e.commands, 'command') : `${count(e.reports, 'report')} and ${count(e.commands, 'command')}`;
}

// How much ground a site has, as the timeline says it: "3 buildings, 5 zones", "1 building, no zones".
function ground(site) {
  const count = (n, what) => (n === 0 ? `no ${what}s` : n === 1 ? `1 ${what}` : `${n} ${what}s`);
  return `${count(site?.buildings?.length ?? 0, 'building')}, ${count(site?.zones?.length ?? 0, 'zone')}`;
}

// What a threat's marker calls it and what its author wrote of it: "Shooter: male, black hoodie, rifle".
function described(threat) {
  return threat?.about ?? [threat?.name, threat?.remarks].filter(Boolean).join(': ');
}

// A start-over clears every flag and forgets where units stood: the feed says so once, not unit by unit. A pause, and
// a drill played from outside saying its speed, say what they do to the clock units are judged on.
function drillControlled(e) {
  const reason = text => `<span class="reason">${escapeHtml(text ?? '')}</span>`;
  const line = (what, why) => `<span class="verb">DRILL</span><b>${escapeHtml(what)}</b>${reason(`${e.scenario}${why} — ${e.actor}`)}`;
  switch (e.action) {
    case 'start-over': return line(`STARTED OVER${e.round ? ` · ROUND ${e.round}` : ''}`, ': every unit judged afresh');
    case 'pause': return line('PAUSE', ': its clock stopped, no hold grows');
    case 'hand-over': return line('HANDED OVER', ': its clock stopped until a host carries it on');
    case 'clock': return e.speed === 0 ? line('PAUSED', ': its clock stopped, no hold grows')
      : e.speed === 1 ? line('ON REAL TIME', ': units judged on the incident\'s clock')
      : line(`PLAYS AT ${e.speed}×`, ': units judged on its clock');
    default: return line(e.action.toUpperCase(), '');
  }
}
