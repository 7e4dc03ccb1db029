// An evaluator confirms or changes the rating the report proposes for each exercise objective. Changing it takes a
// reason, which the AAR/IP prints beside it: the dialog asks for one as soon as the rating chosen differs from the
// proposed one, and a refusal is said in the dialog, which stays open to be put right.
import { get, post, enc } from './api.js';
import { attempt } from './notice.js';

const letters = { performed: 'P', someChallenges: 'S', majorChallenges: 'M', unable: 'U' };
const words = {
  performed: 'Performed without challenges', someChallenges: 'Performed with some challenges',
  majorChallenges: 'Performed with major challenges', unable: 'Unable to be performed',
};

export class Ratings {
  /** session() answers {incidentId} of the session watched. */
  constructor(elements, session) {
    this.el = elements;
    this.session = session;
    this.objectives = [];
    elements.open.addEventListener('click', () => this.open());
    elements.cancel.addEventListener('click', () => elements.dialog.close());
    elements.objective.addEventListener('change', () => this.showObjective());
    elements.rating.addEventListener('change', () => this.showReason());
    elements.form.addEventListener('submit', e => { e.preventDefault(); this.save(); });
  }

  async open() {
    const { incidentId } = this.session() ?? {};
    if (!incidentId) return;
    const objectives = await attempt(() => get(`/api/sessions/${enc(incidentId)}/ratings`));
    if (!objectives) return;
    this.objectives = objectives;
    this.el.objective.replaceChildren(...objectives.map(o => new Option(`${o.objectiveId}: ${o.title}`, o.objectiveId)));
    this.el.none.hidden = objectives.length > 0;
    this.el.save.disabled = objectives.length === 0;
    this.el.error.hidden = true;
    this.showObjective();
    this.el.dialog.showModal();
  }

  get chosen() {
    return this.objectives.find(o => o.objectiveId === this.el.objective.value);
  }

  /** The objective's proposal and evidence, and the rating it has now (the latest decision's, else the proposed). */
  showObjective() {
    const o = this.chosen;
    const proposed = o?.proposed;
    const said = proposed ? `Proposed: ${letters[proposed]}: ${words[proposed]}` : 'Proposed: none; the rating is yours to give';
    const decided = o?.decided ? ` · now ${letters[o.decided.rating]}, by ${o.decided.author}` : '';
    const evidence = document.createElement('ul');
    evidence.replaceChildren(...(o?.evidence ?? []).map(text => Object.assign(document.createElement('li'), { textContent: text })));
    // A rating given before the measure was reached that now differs from the proposal, with no reason, is to revisit.
    const revisit = o?.revisit ? [Object.assign(document.createElement('p'), { className: 'revisit', textContent: `To revisit: ${o.revisit}` })] : [];
    this.el.proposed.replaceChildren(document.createTextNode(o ? `${said}${decided}` : ''), evidence, ...revisit);
    this.el.proposed.dataset.proposed = proposed ?? '';
    this.el.rating.value = o?.decided?.rating ?? proposed ?? 'performed';
    this.el.reason.value = o?.decided?.rating && o.decided.rating !== proposed ? (o.decided.reason ?? '') : '';
    this.showReason();
  }

  /** A rating other than the proposed one asks why; the proposed one, or one of an objective proposed none, does not. */
  showReason() {
    const proposed = this.chosen?.proposed;
    const differs = proposed != null && this.el.rating.value !== proposed;
    this.el.reasonField.hidden = !differs;
    this.el.reason.required = differs;
  }

  async save() {
    const { incidentId } = this.session() ?? {};
    const o = this.chosen;
    if (!incidentId || !o) return;
    const body = { objectiveId: o.objectiveId, rating: this.el.rating.value, reason: this.el.reason.required ? this.el.reason.value : null };
    try {
      await post(`/api/sessions/${enc(incidentId)}/ratings`, body);
    } catch (error) {
      this.el.error.textContent = error?.message ?? String(error);
      this.el.error.hidden = false;
      return;
    }

    this.el.error.hidden = true;
    this.el.dialog.close();
  }
}
