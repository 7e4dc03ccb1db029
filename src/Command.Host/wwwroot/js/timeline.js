// The replay timeline: a range input over the session, with its flags and acknowledgements marked on it.
import { clock } from './format.js';
import { escapeHtml } from './symbols.js';
import { subjectName, fromMarker, refused, span } from './feed-item.js';

const markWords = {
  'flag-raised': 'flag raised', 'flag-escalated': 'flag escalated', 'flag-cleared': 'flag cleared', 'flag-acknowledged': 'acknowledged',
  'threat-set': 'threat placed', 'threat-phase-changed': 'threat phase', 'threat-marker-deleted': 'threat marker deleted', 'threat-sighted': 'new hostile marker on the threat', 'unit-alarmed': 'unit alert', 'unit-signed-off': 'signed off', 'unit-released': 'released from the incident', 'unit-device-renamed': 'device renamed', 'source-changed': 'source', 'host-departed': 'host left the cluster', 'incident-resumed': 'not running (host stopped)', 'recording-interrupted': 'could not record', 'recording-damaged': 'recording damaged', note: 'note',
};

// A hole in the record, marked where the incident was told of it: when it was, and what went unrecorded.
function hole(e) {
  return `${span(e.from, e.until)} could not record: ${refused(e)} refused through host ${e.subject}${e.detail ? ` (${e.detail})` : ''}`;
}

export class Timeline {
  constructor(input, marks, label, picture, seek) {
    this.input = input;
    this.marks = marks;
    this.label = label;
    this.picture = picture;
    this.firstMs = 0;
    this.lastMs = 0;
    this.dragging = false;
    this.entries = [];
    this.unnamed = new Set();
    // A mark names its unit by callsign and its zone by name once the picture knows them: a unit first seen after
    // the marks were drawn, or the site given after them, names them again.
    picture.subscribe(change => {
      if (this.entries.length && (change.reset || change.site || change.units.some(id => this.unnamed.has(id)))) this.setMarks(this.entries);
    });
    input.addEventListener('input', () => { this.dragging = true; this.label.textContent = clock(this.at()); });
    // The far end is the last event as recorded, to the tick: the slider's milliseconds could land just before it.
    // Until the host has answered, the slider stays where it was let go rather than following the picture back.
    input.addEventListener('change', async () => {
      const sought = this.seeking = (this.seeking ?? 0) + 1;
      this.dragging = false;
      try {
        await seek(this.atEnd() ? this.lastTime : this.at());
      } finally {
        if (this.seeking === sought) this.seeking = null;
      }
    });
    // A mark is a shortcut to its instant: "show me the moment that flag went up" (for whoever may move the replay).
    marks.addEventListener('click', e => {
      const mark = e.target.closest('.mark');
      if (!mark || this.input.disabled) return;
      this.input.value = String(Date.parse(mark.dataset.time) - this.firstMs);
      // The recorded instant as written, to the tick: milliseconds would land just before the event.
      seek(mark.dataset.time);
    });
    setInterval(() => this.follow(), 250);
  }

  /** The session's span: its first instant and its last (ISO 8601 text, as recorded). */
  setRange(firstMs, lastTime) {
    this.firstMs = firstMs;
    this.input.min = '0';
    this.extendTo(lastTime);
    this.input.value = '0';
    this.entries = [];
    this.marks.replaceChildren();
  }

  /** No replay shown: no time, no marks, and the slider at its start over nothing, not left where the last one stood. */
  clear() {
    this.firstMs = 0;
    this.lastMs = 0;
    this.lastTime = null;
    this.input.max = '0';
    this.input.value = '0';
    this.entries = [];
    this.unnamed.clear();
    this.marks.replaceChildren();
    this.label.textContent = clock(null);
  }

  /** The session grew (a replay following one still being recorded): the slider reaches further, where it is. */
  extendTo(lastTime) {
    const value = this.input.value;
    this.lastTime = lastTime;
    this.lastMs = Date.parse(lastTime);
    // Milliseconds, stepped so the arrow keys move about a six-hundredth of the session. A session shorter than a
    // step would leave its events on one notch, the end unreachable from them: the step is at least 1 ms, no more.
    const span = Math.max(0, this.lastMs - this.firstMs);
    const step = Math.max(1, Math.round(span / 600));
    this.input.step = String(step);
    this.input.max = String(Math.ceil(span / step) * step);
    this.input.value = value;
  }

  /**
   * The slider and the marks move the replay only once this browser watches it (a seek before then would show it
   * nothing), and only for whoever may move it: for anyone else they only show where it is.
   */
  enable(on) {
    this.input.disabled = !on;
    for (const mark of this.marks.querySelectorAll('.mark')) mark.disabled = !on;
  }

  setMarks(entries) {
    const span = Math.max(1, this.lastMs - this.firstMs);
    this.entries = entries;
    this.unnamed.clear();
    this.marks.innerHTML = entries
      .filter(e => markWords[e.type])
      .map(e => {
        const left = ((Date.parse(e.time) - this.firstMs) / span) * 100;
        // Named as the feed names them: a unit by its callsign, a zone by its kind and name (as the recording names
        // them, else as the picture does), a source by its name.
        const who = e.type === 'source-changed' ? e.about : e.name ?? (e.subject == null ? null : subjectName(e.subject, this.picture));
        if (who === e.subject) this.unnamed.add(e.subject);
        const title = e.type === 'recording-interrupted' ? hole(fromMarker(e))
          : `${clock(Date.parse(e.time))} ${who ?? ''} ${markWords[e.type]}${e.level ? ` (${e.level})` : ''}${e.reason ? `: ${e.reason}` : ''}`;
        return `<button type="button" class="mark ${e.type} level-${e.level ?? 'none'}" data-time="${escapeHtml(e.time)}" data-subject="${escapeHtml(e.subject ?? '')}"${this.input.disabled ? ' disabled' : ''}`
          + ` style="left:${left.toFixed(3)}%" title="${escapeHtml(title)}" aria-label="${escapeHtml(title)}"></button>`;
      })
      .join('');
  }

  at() {
    return this.firstMs + Number(this.input.value);
  }

  atEnd() {
    return Number(this.input.value) >= Number(this.input.max);
  }

  follow() {
    const now = this.picture.now();
    if (this.dragging || this.seeking || now == null || !this.lastMs) return;
    this.input.value = String(now - this.firstMs);
    this.label.textContent = clock(now);
  }
}
