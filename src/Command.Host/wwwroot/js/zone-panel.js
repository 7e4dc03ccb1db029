// A zone's panel, opened by clicking its name on the map: who is inside and for how long, how long its rule has
// been broken, and its flag — what a casualty collection point or staging officer watches. A unit gone stale there is
// listed as such, with when it was last heard: it is not known to be there still, and covers the zone no more. It
// reads the zone's read model from the host and reads it again every two seconds while open; live incidents only.
import { get, enc } from './api.js';
import { duration, since } from './format.js';
import { escapeHtml } from './symbols.js';

const refreshMs = 2000;

const ruleWords = {
  'hot-zone-no-contact': 'no contact unit inside while the threat is active',
  'ccp-no-medical': 'no medical unit at the collection point',
};

// A zone's rule by its kind: it is broken a while before it is flagged (a unit inside going stale breaks it at once).
const kindRules = { hot: 'hot-zone-no-contact', casualtyCollection: 'ccp-no-medical' };

export class ZonePanel {
  constructor(element, picture, commands) {
    this.element = element;
    this.picture = picture;
    this.commands = commands;
    this.zoneId = null;
    this.timer = null;
    element.addEventListener('click', e => { if (e.target.closest('[data-close]')) this.close(); });
    document.addEventListener('keydown', e => { if (e.key === 'Escape' && this.zoneId) this.close(); });
  }

  async open(zoneId) {
    this.zoneId = zoneId;
    this.element.hidden = false;
    this.element.dataset.zone = zoneId;
    clearInterval(this.timer);
    this.timer = setInterval(() => this.load(), refreshMs);
    await this.load();
  }

  close() {
    clearInterval(this.timer);
    this.timer = null;
    this.zoneId = null;
    this.element.hidden = true;
    this.element.replaceChildren();
  }

  async load() {
    const zoneId = this.zoneId;
    const incidentId = this.commands.incidentId;
    if (!zoneId || !incidentId) return;
    const asked = this.asked = (this.asked ?? 0) + 1;
    let reading;
    let problem = null;
    try {
      reading = await get(`/api/incidents/${enc(incidentId)}/zones/${enc(zoneId)}`);
    } catch (error) {
      problem = error.message;
    }

    // Runs of one scenario share zone ids: a reading of the incident picked before went into the panel of the one picked
    // since. On a network slower than the refresh, an older reading that came last went over a newer one.
    if (this.zoneId !== zoneId || this.commands.incidentId !== incidentId || asked < (this.shownAsked ?? 0)) return;
    this.shownAsked = asked;
    this.render(problem ? null : reading, problem);
  }

  render(reading, problem) {
    const now = this.picture.now();
    if (!reading) {
      this.element.innerHTML = `${this.head(this.zoneId, '')}<p class="zone-problem">${escapeHtml(problem)}</p>`;
      return;
    }

    const { zone, occupants, ruleBrokenSince } = reading;
    // Its flag in the words of the picture's latest frame where it shows one: the zone's reading says them as of its
    // last change, and a rule broken on and on reads as broken for as long as it was then.
    const shown = this.picture.zoneFlags.get(`zone:${zone.zoneId}`);
    const flag = reading.flag && shown ? { ...reading.flag, level: shown.level, reason: shown.reason, acknowledged: shown.acknowledged } : reading.flag;
    const rows = occupants.map(o => o.silentSince
      ? `<tr class="stale" data-unit="${escapeHtml(o.unitId)}" data-since="${escapeHtml(o.since)}" data-silent-since="${escapeHtml(o.silentSince)}"><td>${escapeHtml(o.callsign)}</td><td class="id">${escapeHtml(o.unitId)}</td><td class="num">stale, last heard ${duration(since(now, o.silentSince))} ago</td></tr>`
      : `<tr data-unit="${escapeHtml(o.unitId)}" data-since="${escapeHtml(o.since)}"><td>${escapeHtml(o.callsign)}</td><td class="id">${escapeHtml(o.unitId)}</td><td class="num">${duration(since(now, o.since))}</td></tr>`).join('');
    const stale = occupants.filter(o => o.silentSince).length;
    const caption = `${occupants.length - stale} inside${stale ? `, ${stale} stale (not counted)` : ''}`;
    const flagLine = flag
      ? `<p class="zone-flag flag-${flag.level}"><b>${flag.level === 'alert' ? '⚠ ALERT' : '△ WATCH'}</b> ${escapeHtml(flag.reason)}${flag.acknowledged ? ' <span class="ack">(acknowledged)</span>' : ''}</p>`
      : '';
    const ruleLine = ruleBrokenSince
      ? `<p class="zone-rule broken">Rule broken for <b>${duration(since(now, ruleBrokenSince))}</b>: ${escapeHtml(ruleWords[flag?.rule ?? kindRules[zone.kind]] ?? 'its rule does not hold')}</p>`
      : zone.kind === 'hot' || zone.kind === 'casualtyCollection' ? '<p class="zone-rule">Rule holds</p>' : '';
    this.element.innerHTML = `${this.head(zone.name, zone.kind)}${flagLine}${ruleLine}
      <table class="zone-occupants"><caption>${caption}</caption>
        <thead><tr><th>Unit</th><th>Id</th><th class="num">Inside for</th></tr></thead>
        <tbody>${rows || '<tr><td colspan="3" class="empty">Nobody inside</td></tr>'}</tbody></table>`;
  }

  head(name, kind) {
    return `<div class="zone-head"><h3>${escapeHtml(name)}</h3><span class="zone-kind">${escapeHtml(kind)}</span><button type="button" data-close aria-label="Close zone panel">✕</button></div>`;
  }
}
