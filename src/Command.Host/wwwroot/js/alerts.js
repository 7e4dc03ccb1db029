// Flags: what needs a commander's eye now (with a two-click acknowledgement), and the history, newest first.
import { flag, escapeHtml } from './symbols.js';
import { clock } from './format.js';
import { AckMenu } from './ack-menu.js';

const feedLimit = 100;
const feedTypes = new Set(['flag-raised', 'flag-escalated', 'flag-cleared', 'flag-acknowledged', 'threat-phase-changed', 'drill-controlled']);

export class Alerts {
  constructor(elements, picture, commands) {
    this.active = elements.active;
    this.feed = elements.feed;
    this.count = elements.count;
    this.picture = picture;
    this.editable = true;
    this.zoneFlags = new Map();
    this.menu = new AckMenu((subject, reason) => commands.acknowledge(subject, reason));
    picture.subscribe(change => this.update(change));
  }

  setEditable(editable) {
    this.editable = editable;
    this.menu.close();
    this.renderActive();
  }

  update(change) {
    if (change.reset) {
      this.feed.replaceChildren();
      this.zoneFlags.clear();
    }
    for (const e of change.events) {
      this.trackZone(e);
      if (feedTypes.has(e.type)) this.prepend(e);
    }
    if (change.reset || change.units.length || change.events.length) this.renderActive();
  }

  trackZone(e) {
    if (!e.subject?.startsWith('zone:')) return;
    if (e.type === 'flag-raised' || e.type === 'flag-escalated') this.zoneFlags.set(e.subject, { level: e.level, reason: e.reason, acknowledged: false });
    if (e.type === 'flag-cleared') this.zoneFlags.delete(e.subject);
    if (e.type === 'flag-acknowledged' && this.zoneFlags.has(e.subject)) this.zoneFlags.get(e.subject).acknowledged = true;
  }

  renderActive() {
    const items = [...this.picture.units.values()]
      .filter(u => u.flag && u.flag !== 'none')
      .map(u => ({ subject: u.unitId, name: u.callsign, level: u.flag, reason: u.flagReason, acknowledged: u.acknowledged }))
      .concat([...this.zoneFlags].map(([subject, f]) => ({ subject, name: subject.substring(5).toUpperCase() + ' zone', ...f })))
      .sort((a, b) => Number(a.acknowledged) - Number(b.acknowledged) || (a.level === 'alert' ? -1 : 0) - (b.level === 'alert' ? -1 : 0));
    const key = JSON.stringify([this.editable, items]);
    if (key === this.renderedKey) return;
    this.renderedKey = key;
    const open = this.menu.subject;
    this.active.replaceChildren(...items.map(item => this.activeItem(item)));
    if (open && !items.some(i => i.subject === open && !i.acknowledged)) this.menu.close();
    this.count.textContent = String(items.filter(i => !i.acknowledged).length);
  }

  activeItem(item) {
    const li = document.createElement('li');
    const f = flag(item.level);
    li.className = `flag-${item.level}${item.acknowledged ? ' acknowledged' : ''}`;
    li.dataset.subject = item.subject;
    li.innerHTML = `<span class="flag-word">${f.mark} ${f.word}</span><b class="who">${escapeHtml(item.name)}</b>`
      + `<span class="reason">${escapeHtml(item.reason ?? '')}</span>`
      + (item.acknowledged ? '<span class="ack-badge">ACK</span>' : this.editable ? '<button type="button" class="ack">Ack</button>' : '');
    li.querySelector('button.ack')?.addEventListener('click', e => this.menu.open(e.currentTarget, item.subject));
    return li;
  }

  prepend(e) {
    const li = document.createElement('li');
    li.className = `feed-item new ${e.type} flag-${e.level ?? 'none'}`;
    li.dataset.subject = e.subject ?? e.threatId ?? e.action ?? '';
    li.dataset.type = e.type;
    li.innerHTML = `<time>${clock(Date.parse(e.time))}</time>${describe(e, this.picture)}`;
    this.feed.prepend(li);
    while (this.feed.children.length > feedLimit) this.feed.lastElementChild.remove();
  }
}

function describe(e, picture) {
  const who = `<b>${escapeHtml(e.subject?.startsWith('zone:') ? e.subject.substring(5).toUpperCase() + ' zone' : picture.callsign(e.subject))}</b>`;
  const reason = text => `<span class="reason">${escapeHtml(text ?? '')}</span>`;
  switch (e.type) {
    case 'flag-raised': return `<span class="verb">${flag(e.level).mark} ${flag(e.level).word}</span>${who}${reason(e.reason)}`;
    case 'flag-escalated': return `<span class="verb">⇧ ${flag(e.level).word}</span>${who}${reason(e.reason)}`;
    case 'flag-cleared': return `<span class="verb">✓ CLEARED</span>${who}${reason(e.reason)}`;
    case 'flag-acknowledged': return `<span class="verb">ACK</span>${who}${reason(`${e.reason} — ${e.actor}`)}`;
    case 'threat-phase-changed': return `<span class="verb">THREAT</span><b>${escapeHtml(e.phase.toUpperCase())}</b>${reason(e.actor)}`;
    case 'drill-controlled': return `<span class="verb">DRILL</span><b>${escapeHtml(e.action.toUpperCase())}</b>${reason(`${e.scenario} — ${e.actor}`)}`;
    default: return escapeHtml(e.type);
  }
}
