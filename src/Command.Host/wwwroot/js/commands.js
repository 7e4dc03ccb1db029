// What a commander can tell the host. Each command shows the host's refusal in words and reports success.
import { get, post, put, enc, ApiProblem } from './api.js';
import { attempt } from './notice.js';
import { threatBody } from './map/threat.js';

export class Commands {
  constructor() {
    this.incidentId = null;
  }

  base() {
    return `/api/incidents/${enc(this.incidentId)}`;
  }

  /**
   * Reassigns a unit of the incident shown, or of the one named (an undo, pressed once another is shown), from the role
   * it was shown in: one reassigned meanwhile by another commander is refused, saying so, not changed over their head.
   */
  async changeRole(unitId, role, incidentId = this.incidentId, was = undefined) {
    const body = was ? { role, was } : { role };
    return (await attempt(() => put(`/api/incidents/${enc(incidentId)}/units/${enc(unitId)}/role`, body).then(() => true))) ?? false;
  }

  /** Lets a unit go from the incident, with why: it leaves the board, and another incident may enrol it. */
  async release(unitId, reason) {
    return (await attempt(() => post(`${this.base()}/units/${enc(unitId)}/release`, { reason }).then(() => true))) ?? false;
  }

  /** Sends a unit in to close instead of the flagged one: reassigned to contact, recorded with the flag it answered. */
  async sendInstead(subject, unitId) {
    return (await attempt(() => post(`${this.base()}/flags/${enc(subject)}/send`, { unitId }).then(() => true))) ?? false;
  }

  async acknowledge(subject, reason) {
    return (await attempt(() => post(`${this.base()}/flags/${enc(subject)}/ack`, { reason }).then(() => true))) ?? false;
  }

  /** Places or moves a threat; answers the threat as the host accepted it, or null. */
  async moveThreat(threatId, latlng, current) {
    return (await attempt(() => put(`${this.base()}/threats/${enc(threatId)}`, threatBody(latlng, current)))) ?? null;
  }

  /** Closes the incident with a reason; it takes nothing more, and its recording stays for replay. */
  async closeIncident(reason) {
    return (await attempt(() => post(`${this.base()}/close`, { reason }).then(() => true))) ?? false;
  }

  /** Declaring the threat contained or neutralized suppresses flags: the host records the reason with it. */
  async setPhase(threatId, phase, reason) {
    const body = reason ? { phase, reason } : { phase };
    return (await attempt(() => post(`${this.base()}/threats/${enc(threatId)}/phase`, body).then(() => true))) ?? false;
  }

  async drillStatus(incidentId) {
    try {
      return await get(`/api/incidents/${enc(incidentId)}/drill`);
    } catch (error) {
      // An incident that no drill drives has no drill status: that is a state, not a failure.
      if (error instanceof ApiProblem && error.status === 404) return null;
      return attempt(() => Promise.reject(error));
    }
  }

  /** Starts (with the named scenario), pauses, resumes or stops the drill on an incident. */
  controlDrill(incidentId, action, scenario = 'demo', speed = 1, loop = false) {
    // Only start takes a scenario, a speed and whether it loops: the other controls refuse them.
    const body = action === 'start' ? { action, scenario, speed, loop } : { action };
    return attempt(() => post(`/api/incidents/${enc(incidentId)}/drill`, body).then(r => r ?? true));
  }

  /** Says how fast a drill played from outside plays (1: it ended, judge on the incident's own clock); true when recorded. */
  drillClock(incidentId, scenario, speed) {
    return attempt(() => post(`/api/incidents/${enc(incidentId)}/drill`, { action: 'clock', scenario, speed }).then(r => r ?? true));
  }

  /** The scenarios a drill can be started with, "demo" first. */
  scenarios() {
    return attempt(() => get('/api/scenarios'));
  }
}
