// The incident picker, and loading an incident's site plan before joining its live picture.
import { get, enc, ApiProblem } from './api.js';
import { attempt, showNotice } from './notice.js';

const preferred = 'demo';

export class IncidentPicker {
  constructor(select, onPick) {
    this.select = select;
    this.onPick = onPick;
    this.listings = [];
    select.addEventListener('change', () => this.onPick(select.value));
  }

  /** Fills the picker; keeps the current choice, else the one asked for, else the demo drill, else the first. */
  async load(wanted) {
    this.listings = (await attempt(() => get('/api/incidents'))) ?? [];
    return this.render(wanted);
  }

  render(wanted) {
    const current = this.select.value;
    // A name two incidents share (runs of one scenario are named after it) says which incident by its id.
    const named = new Map();
    for (const i of this.listings) named.set(i.name, (named.get(i.name) ?? 0) + 1);
    const label = i => !i.name ? i.incidentId : named.get(i.name) > 1 ? `${i.name} · ${i.incidentId}` : i.name;
    this.select.innerHTML = this.listings.length
      ? this.listings.map(i => `<option value="${escapeAttr(i.incidentId)}">${escapeAttr(label(i))}${i.closedAt ? ' (closed)' : ''}</option>`).join('')
      : '<option value="">No incidents</option>';
    const ids = this.listings.map(i => i.incidentId);
    const choice = ids.includes(current) ? current : ids.includes(wanted) ? wanted : ids.includes(preferred) ? preferred : ids[0] ?? '';
    this.select.value = choice;
    return choice;
  }

  /**
   * The incident shown was closed (its frames said so): listed as closed from now, as the host lists it, without
   * asking the host again, which may hear of the close after the page does.
   */
  markClosed(incidentId, closedAt) {
    const listing = this.listings.find(i => i.incidentId === incidentId);
    if (!listing || listing.closedAt) return;
    listing.closedAt = closedAt;
    this.render(incidentId);
  }

  has(incidentId) {
    return this.listings.some(i => i.incidentId === incidentId);
  }
}

export function loadIncident(incidentId) {
  return attempt(() => get(`/api/incidents/${enc(incidentId)}`));
}

/** The flags, acknowledgements and phase changes recorded so far for a live incident, oldest first. */
export async function flagHistory(incidentId) {
  try {
    return await get(`/api/sessions/${enc(incidentId)}/timeline`);
  } catch (error) {
    // Nothing recorded yet is an empty history, not a failure.
    if (!(error instanceof ApiProblem && error.status === 404)) showNotice(`Earlier flags: ${error.message}`);
    return [];
  }
}

function escapeAttr(text) {
  return String(text).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}
