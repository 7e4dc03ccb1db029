// Flags: what needs a commander's eye now (with a two-click acknowledgement), and the history, newest first.
// Each snapshot (opening the page, joining again after a lost connection, the host catching up after its incident
// moved, a replay's seek) starts the feed again from what was recorded up to it, so a flag raised before the page
// looked, or while it could not hear, is not missed, and none is listed twice. The flags up, on units and on zones,
// are the picture's: each in the words of the latest frame.
import { flag, escapeHtml } from './symbols.js';
import { ReasonMenu } from './reason-menu.js';
import { compareInstants, span } from './format.js';
import { feedItem, feedTypes, fromMarker, subjectName, reasonAfter } from './feed-item.js';
import { distance, rank, flagRank } from './board-order.js';

const feedLimit = 100;
// What is said aloud as it comes: a flag up or worse, and a unit's own emergency.
const announced = new Set(['flag-raised', 'flag-escalated', 'unit-alarmed']);

export class Alerts {
  /** history(groupId) answers the recorded flag events of what is watched (timeline markers), oldest first. */
  constructor(elements, picture, commands, history) {
    this.active = elements.active;
    this.feed = elements.feed;
    this.count = elements.count;
    this.announcer = elements.announcer;
    this.picture = picture;
    this.history = history;
    this.editable = true;
    this.since = [];
    this.loading = null;
    this.menu = new ReasonMenu('Acknowledge because…', ['hazard reported', 'rendering aid', 'reassigned'], 'Ack', (subject, reason) => commands.acknowledge(subject, reason));
    this.commands = commands;
    // For each unit flagged for not closing: the units proposed to go instead when its flag went up (recorded).
    this.proposals = new Map();
    this.shown = new Map();
    picture.subscribe(change => this.update(change));
    new ResizeObserver(() => this.fitActive()).observe(this.active.parentElement);
  }

  /** Whether flags can be acknowledged and units sent instead; <refusal> keeps the buttons, disabled, saying why not. */
  setEditable(editable, refusal = null) {
    this.editable = editable;
    this.refusal = refusal;
    this.menu.close();
    this.renderActive();
  }

  update(change) {
    if (change.reset) {
      this.restart();
      this.proposals = new Map();
    }
    const raised = [];
    for (const e of change.events) {
      if (e.type === 'send-instead-proposed') this.proposals.set(e.subject, e);
      // A frame taken in with the snapshot (or merged into it on the way) may repeat what the recording gives up to it.
      if (this.inSnapshot(e)) continue;
      this.since.push(e);
      if (!feedTypes.has(e.type)) continue;
      const item = feedItem(e, this.picture, true);
      this.feed.prepend(item);
      if (announced.has(e.type)) raised.push(item);
    }
    this.announce(raised);
    this.trim();
    if (change.reset || change.units.length || change.events.length || change.zones) this.renderActive();
  }

  /**
   * Says a flag raised or escalated while watching to a screen reader, in the feed's words: the feed is history, and a
   * live region over it would read its hundred lines again at every snapshot. Those read back from the recording are
   * not said.
   */
  announce(items) {
    if (!items.length || !this.announcer) return;
    this.announcer.textContent = items.map(li => [...li.childNodes].filter(n => n.nodeName !== 'TIME').map(n => n.textContent.trim()).filter(Boolean).join(' ')).join('. ');
  }

  async restart() {
    const token = {};
    this.loading = token;
    this.feed.replaceChildren();
    this.since = [];
    const { groupId, snapshotSequence, snapshotClock } = this.picture;
    if (groupId == null || snapshotSequence < 0) return;
    const recorded = (await this.history(groupId)) ?? [];
    if (this.loading !== token) return;
    // Events past the snapshot come in frames (kept in this.since); the recording supplies the ones before it.
    const before = recorded.filter(m => this.inSnapshot(m, { groupId, snapshotSequence, snapshotClock })).map(fromMarker);
    this.feed.append(...before.filter(e => feedTypes.has(e.type)).reverse().map(e => feedItem(e, this.picture, false)));
    this.trim();
    this.renderActive();
  }

  /**
   * Whether an event is one the recording gives up to the snapshot. A replay's snapshot numbers only the recorded inputs
   * (it derives flags afresh), so a flag raised at the very instant of a seek lies past its sequence: there the instant
   * decides. Nothing is, before the first snapshot.
   */
  inSnapshot(e, { groupId, snapshotSequence, snapshotClock } = this.picture) {
    if (groupId == null || snapshotSequence < 0) return false;
    return groupId.startsWith('replay:') ? compareInstants(e.time, snapshotClock) <= 0 : e.sequence <= snapshotSequence;
  }

  trim() {
    while (this.feed.children.length > feedLimit) this.feed.lastElementChild.remove();
  }

  /**
   * The flags up in the board's order (a unit's own emergency, then alerts and watches nobody has acknowledged, then
   * those acknowledged), nearest the threat first, zones' after units', then by name (flags raised together were listed
   * in the order the units were enrolled, Patrol 1 over the Patrol 29 the board put first). An unacknowledged watch was
   * listed above an acknowledged alert the board put first, and a flagged unit's 911 alert, first on the board, among
   * the others. Each keeps its list item: a reason that changed (its hold growing by the second) is
   * rewritten in place, and items move only when the order changed.
   */
  renderActive() {
    const items = [...this.picture.units.values()]
      .filter(u => u.flag && u.flag !== 'none')
      .map(u => ({ subject: u.unitId, name: u.callsign, level: u.flag, reason: u.flagReason, acknowledged: u.acknowledged, distance: distance(u), rank: rank(u) }))
      .concat([...this.picture.zoneFlags.values()].map(f => ({
        subject: f.subject, name: subjectName(f.subject, this.picture), level: f.level, reason: f.reason, acknowledged: f.acknowledged,
        distance: Number.POSITIVE_INFINITY, rank: flagRank(f.level, f.acknowledged),
      })))
      .sort((a, b) => a.rank - b.rank || a.distance - b.distance || a.name.localeCompare(b.name));
    const shown = this.shown;
    const wanted = new Set(items.map(i => i.subject));
    for (const subject of shown.keys()) if (!wanted.has(subject)) shown.delete(subject);
    const order = items.map(item => {
      const look = JSON.stringify([this.editable, this.refusal, item.level, item.name, item.acknowledged, this.proposals.get(item.subject)?.sequence, this.free(item.subject)]);
      let entry = shown.get(item.subject);
      if (entry?.look !== look) {
        const li = this.activeItem(item);
        entry = { look, li, reason: li.querySelector('.reason') };
        shown.set(item.subject, entry);
      }
      const reason = reasonAfter(item.name, item.reason) ?? '';
      if (entry.reason.textContent !== reason) entry.reason.textContent = reason;
      return entry.li;
    });
    const children = this.active.children;
    if (order.length !== children.length || order.some((li, i) => li !== children[i])) {
      const focused = this.active.contains(document.activeElement) ? document.activeElement : null;
      this.active.replaceChildren(...order);
      this.keepMenu(items);
      if (focused && document.activeElement !== focused) this.keepFocus(focused);
    } else {
      this.keepMenu(items);
    }
    // Every flag shown is counted: acknowledged is "we know", not resolved, so those are said apart, not left out.
    const acknowledged = items.filter(i => i.acknowledged).length;
    this.count.textContent = acknowledged ? `${items.length} (${acknowledged} acknowledged)` : String(items.length);
    this.fitActive();
  }

  /**
   * Keeps the reasons asked for beside their flag's Ack, its card redrawn (the units free to go instead changed, say) or
   * moved; closes them once that flag is down or acknowledged.
   */
  keepMenu(items) {
    const open = this.menu.subject;
    if (!open) return;
    const ack = items.some(i => i.subject === open && !i.acknowledged) ? this.shown.get(open)?.li.querySelector('button.ack:not([disabled])') : null;
    if (ack) this.menu.follow(ack); else this.menu.close();
  }

  /**
   * Gives the focus back after the cards were redrawn or reordered (a flag acknowledged, a new one up), which took it
   * from whoever was on a card's button and left the keyboard at the page's top: to the same control where it still
   * stands, else its card's Ack, else the first flag still to acknowledge, else the list.
   */
  keepFocus(was) {
    const subject = was.closest('li')?.dataset.subject;
    const card = [...this.active.children].find(li => li.dataset.subject === subject);
    const same = was.isConnected ? was : null;
    const control = same ?? card?.querySelector(was.dataset.unit ? `button.send[data-unit="${CSS.escape(was.dataset.unit)}"]` : 'button.ack')
      ?? this.active.querySelector('button.ack:not([disabled])') ?? this.active;
    control.focus({ preventScroll: true });
  }

  /** Ends the list of flags up at the last card that fits whole, when they do not all fit: the rest scroll. */
  fitActive() {
    const list = this.active;
    list.style.maxHeight = '';
    const room = list.clientHeight;
    if (list.scrollHeight <= room) return;
    // Measured to the fraction of a pixel from the top of the list's content; its height is set with its border.
    const top = list.getBoundingClientRect().top + list.clientTop - list.scrollTop;
    let fits = 0;
    for (const li of list.children) {
      const bottom = li.getBoundingClientRect().bottom - top;
      if (bottom > room) break;
      fits = bottom;
    }
    if (fits > 0) list.style.maxHeight = `${fits + list.offsetHeight - list.clientHeight}px`;
  }

  activeItem(item) {
    const li = document.createElement('li');
    const f = flag(item.level);
    li.className = `flag-${item.level}${item.acknowledged ? ' acknowledged' : ''}`;
    li.dataset.subject = item.subject;
    // A screen reader reads an Ack by what it acknowledges: a list of buttons all named "Ack" said nothing of whose.
    const named = `aria-label="Ack ${escapeHtml(f.word.toLowerCase())}: ${escapeHtml(item.name)}"`;
    li.innerHTML = `<span class="flag-word">${f.mark} ${f.word}</span><b class="who">${escapeHtml(item.name)}</b>`
      + '<span class="reason"></span>'
      + (item.acknowledged ? '<span class="ack-badge">ACK</span>' : this.editable ? `<button type="button" class="ack" ${named} aria-haspopup="menu" aria-expanded="false">Ack</button>`
        : this.refusal ? `<button type="button" class="ack" ${named} disabled title="${escapeHtml(this.refusal)}">Ack</button>` : '');
    li.querySelector('button.ack')?.addEventListener('click', e => this.menu.open(e.currentTarget, item.subject));
    const proposal = this.proposals.get(item.subject);
    if (proposal && this.picture.units.has(item.subject)) li.append(this.insteadList(item.subject, proposal));
    return li;
  }

  /**
   * The units proposed when the flag went up that are still free to go: not flagged, not stale, not arrived, not
   * already closing, with no emergency of their own. One offered minutes ago may since have gone stale, been flagged
   * or raised a 911 alert.
   */
  free(subject) {
    const proposal = this.proposals.get(subject);
    if (!proposal) return [];
    return proposal.candidates.filter(c => {
      const u = this.picture.units.get(c.unitId);
      return u && (!u.flag || u.flag === 'none') && !u.alarm && !['stale', 'arrived', 'closing'].includes(u.state);
    }).map(c => c.unitId);
  }

  /** Who could close instead, soonest first, each with its ETA; a commander sends one with a click. */
  insteadList(subject, proposal) {
    const div = document.createElement('div');
    div.className = 'instead';
    const free = new Set(this.free(subject));
    const candidates = proposal.candidates.filter(c => free.has(c.unitId));
    if (!candidates.length) {
      // Named: "those proposed" read as a list the commander was shown, where a page opened later was shown none.
      const proposed = proposal.candidates.map(c => this.picture.units.get(c.unitId)?.callsign ?? c.callsign);
      div.textContent = proposed.length
        ? `Nobody free to send instead: ${listed(proposed)}, proposed when the flag went up, ${proposed.length > 1 ? 'are' : 'is'} no longer free`
        : 'Nobody free to send instead';
      return div;
    }
    const along = candidates.some(c => c.alongGraph) ? ' on foot' : '';
    div.innerHTML = `<span class="instead-label">Send instead (ETA${along} at ${proposal.paceMps} m/s):</span>`
      + candidates.map(c => {
        const name = escapeHtml(this.picture.units.get(c.unitId)?.callsign ?? c.callsign);
        const label = `${name} · ${escapeHtml(span(c.etaS))}`;
        return this.editable
          ? `<button type="button" class="send" data-unit="${escapeHtml(c.unitId)}" title="Reassign ${name} to contact for this threat">${label}</button>`
          : this.refusal
            ? `<button type="button" class="send" disabled title="${escapeHtml(this.refusal)}">${label}</button>`
            : `<span class="candidate">${label}</span>`;
      }).join('');
    for (const button of div.querySelectorAll('button.send')) {
      button.addEventListener('click', () => this.commands.sendInstead(subject, button.dataset.unit));
    }
    return div;
  }
}

/** "Patrol 2", "Patrol 2 and Patrol 3", "Patrol 2, Patrol 3 and Medic 1". */
function listed(names) {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
}
