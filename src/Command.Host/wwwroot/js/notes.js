// Evaluator notes: written live (about the incident's clock now) or in replay (about the replay's instant), kept
// beside the session's recording and read back only by those allowed to; they never come in frames. The notes panel
// lists them as they now stand; a note's author (or an admin) may edit or withdraw it, which the host keeps as an
// amendment or a withdrawal beside the note, never by rewriting it. Every page reading a session's notes hears over the
// hub when they change (written, amended or withdrawn anywhere) and reads them again.
import { get, post, enc, ApiProblem } from './api.js';
import { can } from './session.js';
import { clock } from './format.js';

const markNames = { strength: 'strength', areaForImprovement: 'area for improvement', observation: 'observation' };
// The notes' answers write marks as "areaForImprovement"; the dialog's options as the API takes them.
const markOptions = { strength: 'strength', areaForImprovement: 'area-for-improvement', observation: 'observation' };

export class Notes {
  /**
   * session() answers {incidentId, replayId?} of what is watched; onAdded(note, incidentId) hears each note kept here,
   * with the incident it was written on; onChanged(list) hears the session's notes each time they are read again (after a
   * change here or anywhere else).
   */
  constructor(elements, picture, session, connection) {
    this.el = elements;
    this.picture = picture;
    this.session = session;
    this.connection = connection;
    this.onAdded = () => {};
    this.onChanged = () => {};
    this.mode = 'new';
    this.editing = null;
    this.list = [];
    this.listedFor = null;
    this.watching = null;
    this.watchedOn = null;
    this.reading = 0;
    for (const button of elements.open) button.addEventListener('click', () => this.open());
    for (const button of elements.panel.open) button.addEventListener('click', () => this.openPanel());
    elements.panel.close.addEventListener('click', () => elements.panel.dialog.close());
    elements.cancel.addEventListener('click', () => elements.dialog.close());
    elements.form.addEventListener('submit', e => { e.preventDefault(); this.save(); });
    connection?.hub.on('notes', changed => { if (changed?.incidentId === this.watching && this.shown()) this.reload(); });
    // What is watched changes with the mode, the incident and the replay; a connection made anew watches afresh.
    setInterval(() => this.follow(), 1000);
  }

  /** The session's notes and rating decisions, or none when the reader may not see them. */
  static async load(incidentId) {
    try {
      return await get(`/api/sessions/${enc(incidentId)}/notes`);
    } catch (e) {
      if (e instanceof ApiProblem && (e.status === 403 || e.status === 404)) return [];
      throw e;
    }
  }

  /** Whether the one signed in may edit and withdraw the note: their own, or anyone's for an admin; never a withdrawn one. */
  static mayChange(note) {
    return !note.withdrawn && can('write-notes') && (can('amend-any-note') || note.yours);
  }

  /** Hears the notes of the session watched now: asks the hub, once per connection, and reads them when that changes. */
  async follow() {
    if (!can('read-notes') || !this.connection) return;
    const incidentId = this.session()?.incidentId ?? null;
    const connectionId = this.connection.isConnected() ? this.connection.hub.connectionId : null;
    if (incidentId === this.watching && connectionId === this.watchedOn) return;
    const previous = this.watching;
    this.watching = incidentId;
    this.watchedOn = connectionId;
    if (connectionId && previous && previous !== incidentId) this.connection.invoke('UnwatchNotes', previous).catch(() => {});
    if (connectionId && incidentId) {
      try {
        await this.connection.invoke('WatchNotes', incidentId);
      } catch {
        this.watchedOn = null;
        return;
      }
    }
    // Anything may have changed while nobody here listened.
    if (incidentId && this.shown()) await this.reload();
  }

  /** Whether notes are on screen: the panel is open, or a replay's timeline shows them (live, they show only in the panel). */
  shown() {
    return this.el.panel.dialog.open || !!this.session()?.replayId;
  }

  /** Reads the notes of the session watched again, and shows them. */
  async reload() {
    const incidentId = this.session()?.incidentId;
    if (!incidentId) return;
    const reading = ++this.reading;
    let list;
    try {
      list = await Notes.load(incidentId);
    } catch {
      return;
    }
    if (reading !== this.reading || this.session()?.incidentId !== incidentId) return;
    this.list = list;
    this.listedFor = incidentId;
    this.render();
    this.onChanged(list, incidentId);
  }

  async openPanel() {
    const { incidentId } = this.session() ?? {};
    if (!incidentId) return;
    if (this.listedFor !== incidentId) this.list = [];
    this.render();
    this.el.panel.dialog.showModal();
    await this.reload();
  }

  render() {
    const panel = this.el.panel;
    const notes = this.list.filter(n => n.type === 'note');
    panel.empty.hidden = notes.length > 0;
    panel.list.replaceChildren(...notes.map(note => this.item(note)));
  }

  item(note) {
    const li = document.createElement('li');
    li.className = 'note-item';
    li.dataset.number = String(note.number);
    li.dataset.withdrawn = String(!!note.withdrawn);
    const meta = [clock(Date.parse(note.about)), markNames[note.mark] ?? 'observation'];
    if (note.unitId) meta.push(`unit ${note.unitId}`);
    if (note.objectiveId) meta.push(`objective ${note.objectiveId}`);
    meta.push(note.author);
    li.append(line('note-meta', `#${note.number} · ${meta.join(' · ')}`), line('note-text', note.text));
    if (note.amended) li.append(line('note-change note-amended-line', `Amended ${when(note.amended.at)} by ${note.amended.by}${note.amended.reason ? `: ${note.amended.reason}` : ''}`));
    if (note.withdrawn) li.append(line('note-change note-withdrawn-line', `Withdrawn ${when(note.withdrawn.at)} by ${note.withdrawn.by}: ${note.withdrawn.reason}`));
    if ((note.history?.length ?? 0) > 1) {
      const history = document.createElement('details');
      history.className = 'note-history';
      const summary = document.createElement('summary');
      summary.textContent = `History (${note.history.length})`;
      const versions = document.createElement('ol');
      versions.append(...note.history.map(v => {
        const entry = document.createElement('li');
        const what = v.change === 'withdrawn' ? '' : ` — ${markNames[v.mark] ?? ''}${v.unitId ? `, unit ${v.unitId}` : ''}${v.objectiveId ? `, objective ${v.objectiveId}` : ''}: ${v.text}`;
        entry.textContent = `${v.change} ${when(v.at)} by ${v.by}${v.reason ? ` (${v.reason})` : ''}${what}`;
        return entry;
      }));
      history.append(summary, versions);
      li.append(history);
    }
    if (Notes.mayChange(note)) {
      const actions = document.createElement('div');
      actions.className = 'note-actions';
      const edit = button('note-edit', 'Edit', `Edit note ${note.number}`, () => this.open('amend', note));
      const withdraw = button('note-withdraw', 'Withdraw', `Withdraw note ${note.number}`, () => this.open('withdraw', note));
      actions.append(edit, withdraw);
      li.append(actions);
    }
    return li;
  }

  /** Opens the note dialog: a new note, or the amendment or withdrawal of one listed. */
  open(mode = 'new', note = null) {
    const { incidentId } = this.session() ?? {};
    if (!incidentId) return;
    // A new note starts from the last new note's mark and objective, never from a note edited since.
    const fresh = mode === 'new' && this.mode !== 'new';
    this.mode = mode;
    this.editing = note;
    const el = this.el;
    el.form.dataset.mode = mode;
    el.text.required = mode !== 'withdraw';
    const units = [...this.picture.units.values()].sort((a, b) => a.callsign.localeCompare(b.callsign));
    el.unit.replaceChildren(new Option('— none —', ''), ...units.map(u => new Option(`${u.callsign} (${u.unitId})`, u.unitId)));
    if (note?.unitId && !units.some(u => u.unitId === note.unitId)) el.unit.append(new Option(note.unitId, note.unitId));
    el.text.value = note?.text ?? '';
    el.mark.value = note ? markOptions[note.mark] ?? 'observation' : fresh ? 'observation' : el.mark.value;
    el.unit.value = note?.unitId ?? '';
    el.objective.value = note ? note.objectiveId ?? '' : fresh ? '' : el.objective.value;
    el.reason.value = '';
    el.title.textContent = { new: 'Evaluator note', amend: `Edit note ${note?.number}`, withdraw: `Withdraw note ${note?.number}` }[mode];
    el.hint.textContent = {
      new: 'About the instant shown now; seen only by evaluators, controllers and admins.',
      amend: 'The note keeps its instant and author; the record keeps what it said before, and who changed it, when and why.',
      withdraw: `“${note?.text ?? ''}” will be left out of the paperwork and shown as withdrawn, with why.`,
    }[mode];
    el.reason.placeholder = mode === 'withdraw' ? 'Why it is withdrawn (required)' : 'Why it is changed (optional)';
    el.save.textContent = { new: 'Save note', amend: 'Save changes', withdraw: 'Withdraw note' }[mode];
    el.error.hidden = true;
    el.dialog.showModal();
    (mode === 'withdraw' ? el.reason : el.text).focus();
  }

  async save() {
    // One save at a time: a double click on Save kept the note twice.
    if (this.saving) return;
    this.saving = true;
    this.el.save.disabled = true;
    try {
      await this.send();
    } finally {
      this.saving = false;
      this.el.save.disabled = false;
    }
  }

  async send() {
    const { incidentId, replayId } = this.session() ?? {};
    const el = this.el;
    const note = this.editing;
    let path;
    let body;
    if (this.mode === 'amend') {
      // Only what changed: a unit or objective left as it was is not checked again.
      body = {};
      if (el.text.value.trim() !== note.text) body.text = el.text.value;
      if (el.mark.value !== (markOptions[note.mark] ?? 'observation')) body.mark = el.mark.value;
      if (el.unit.value !== (note.unitId ?? '')) body.unitId = el.unit.value;
      if (el.objective.value.trim() !== (note.objectiveId ?? '')) body.objectiveId = el.objective.value.trim();
      if (el.reason.value.trim()) body.reason = el.reason.value.trim();
      path = `/api/sessions/${enc(incidentId)}/notes/${note.number}/amend`;
    } else if (this.mode === 'withdraw') {
      body = { reason: el.reason.value };
      path = `/api/sessions/${enc(incidentId)}/notes/${note.number}/withdraw`;
    } else {
      body = {
        text: el.text.value, mark: el.mark.value, unitId: el.unit.value || null,
        objectiveId: el.objective.value.trim() || null, replayId: replayId ?? null,
      };
      path = `/api/sessions/${enc(incidentId)}/notes`;
    }
    // Refused, the note stays open with why beside it, to be put right: a notice under the controls stood behind the
    // dialog, and stayed up after the note was saved.
    let kept;
    try {
      kept = await post(path, body);
    } catch (error) {
      el.error.textContent = error?.message ?? String(error);
      el.error.hidden = false;
      return;
    }

    el.error.hidden = true;
    el.dialog.close();
    if (this.mode === 'new') this.onAdded(kept, incidentId);
    await this.reload();
  }
}

function line(className, text) {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

function button(className, text, label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

function when(iso) {
  return `${clock(Date.parse(iso))} UTC`;
}
