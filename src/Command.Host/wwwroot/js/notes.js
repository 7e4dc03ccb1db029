// Evaluator notes: written live (about the incident's clock now) or in replay (about the replay's instant), kept
// beside the session's recording and read back only by those allowed to; they never come in frames.
import { get, post, enc, ApiProblem } from './api.js';

export class Notes {
  /** session() answers {incidentId, replayId?} of what is watched; onAdded(note) hears each note kept. */
  constructor(elements, picture, session) {
    this.el = elements;
    this.picture = picture;
    this.session = session;
    this.onAdded = () => {};
    for (const button of elements.open) button.addEventListener('click', () => this.open());
    elements.cancel.addEventListener('click', () => elements.dialog.close());
    elements.form.addEventListener('submit', e => { e.preventDefault(); this.save(); });
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

  open() {
    const { incidentId } = this.session() ?? {};
    if (!incidentId) return;
    const units = [...this.picture.units.values()].sort((a, b) => a.callsign.localeCompare(b.callsign));
    this.el.unit.replaceChildren(new Option('— none —', ''), ...units.map(u => new Option(`${u.callsign} (${u.unitId})`, u.unitId)));
    this.el.text.value = '';
    this.el.error.hidden = true;
    this.el.dialog.showModal();
    this.el.text.focus();
  }

  async save() {
    const { incidentId, replayId } = this.session() ?? {};
    const body = {
      text: this.el.text.value, mark: this.el.mark.value, unitId: this.el.unit.value || null,
      objectiveId: this.el.objective.value.trim() || null, replayId: replayId ?? null,
    };
    // Refused, the note stays open with why beside it, to be put right: a notice under the controls stood behind the
    // dialog, and stayed up after the note was saved.
    let kept;
    try {
      kept = await post(`/api/sessions/${enc(incidentId)}/notes`, body);
    } catch (error) {
      this.el.error.textContent = error?.message ?? String(error);
      this.el.error.hidden = false;
      return;
    }

    this.el.error.hidden = true;
    this.el.dialog.close();
    this.onAdded(kept);
  }
}
