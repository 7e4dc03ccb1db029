// Drill controls: start, pause, resume or stop the simulated drill, and its own clock, run on between answers.
import { duration } from './format.js';
import { can } from './session.js';

const allowed = {
  start: ['ready', 'stopped', 'completed', 'faulted', 'none'],
  pause: ['running'],
  resume: ['paused'],
  stop: ['running', 'paused'],
};

export class DrillPanel {
  constructor(elements, commands) {
    this.stateText = elements.state;
    this.buttons = elements.buttons;
    this.scenario = elements.scenario;
    this.commands = commands;
    this.status = null;
    this.receivedAt = 0;
    // Numbers each question about the drill, so an answer overtaken by a later question is not shown.
    this.question = 0;
    for (const button of this.buttons) {
      button.addEventListener('click', () => this.control(button.dataset.drill));
    }
    setInterval(() => this.renderTime(), 1000);
    this.render();
    if (can('control-drills')) this.listScenarios();
  }

  /** Fills the scenario picker; a scenario file that does not load is listed, disabled, with its reason. */
  async listScenarios() {
    const scenarios = (await this.commands.scenarios()) ?? [{ name: 'demo', title: 'Demo drill' }];
    this.scenario.replaceChildren(...scenarios.map(s => {
      const option = document.createElement('option');
      option.value = s.name;
      option.textContent = s.error ? `${s.name} (does not load)` : s.title ?? s.name;
      option.title = s.error ?? `${s.name}${s.durationS ? `, ${Math.round(s.durationS / 60)} min` : ''}`;
      option.disabled = Boolean(s.error);
      return option;
    }));
  }

  /** A new incident: no drill known until its frames show one; an answer still on its way is not for it. */
  forget(incidentId) {
    this.question += 1;
    this.incidentId = incidentId;
    this.asked = false;
    this.show(null);
  }

  /**
   * Asks the host how the drill stands. Only the latest question's answer is shown (a question about another incident
   * is overtaken by forget); a question that failed (the drill's host going down, say) leaves what was shown for the
   * next to correct.
   */
  async refresh(incidentId) {
    const question = this.question += 1;
    this.incidentId = incidentId;
    this.asked = true;
    const status = incidentId ? await this.commands.drillStatus(incidentId) : null;
    if (status === undefined || question !== this.question) return;
    this.show(status);
  }

  async control(action) {
    const answer = await this.commands.controlDrill(this.incidentId, action, this.scenario.value || 'demo');
    if (answer !== undefined) await this.refresh(this.incidentId);
  }

  show(status) {
    this.status = status ?? null;
    this.receivedAt = performance.now();
    this.render();
    this.onShown?.(this.status);
  }

  render() {
    const state = this.status?.state ?? 'none';
    for (const button of this.buttons) button.disabled = !this.incidentId || !allowed[button.dataset.drill].includes(state);
    this.scenario.disabled = !this.incidentId || !allowed.start.includes(state);
    this.stateText.dataset.state = state;
    this.renderTime();
  }

  renderTime() {
    const s = this.status;
    if (!s || s.state === 'none') {
      // Asked and answered none: a drill may still play into the incident from outside (the simulator), as its feed says.
      this.stateText.textContent = s ? 'none on this host' : 'no drill';
      this.stateText.title = s ? 'This host plays no drill here; one played from outside (the simulator) shows in the feed' : '';
      return;
    }
    const running = s.state === 'running' ? (performance.now() - this.receivedAt) / 1000 * (s.speed ?? 1) : 0;
    const at = seconds(s.drillTimeS ?? s.drillTime) + running;
    const round = s.loop && s.iteration > 0 ? ` · round ${s.iteration + 1}` : '';
    const fast = s.speed && s.speed !== 1;
    this.stateText.textContent = `${s.state.toUpperCase()} · ${duration(at)}${fast ? ` · ${s.speed}×` : ''}${round}`;
    // Units are judged on the drill's clock: a drill played fast flags a scripted hold as long as the script makes it.
    this.stateText.title = s.state === 'paused'
      ? 'Paused: the drill\'s clock is stopped, so no hold grows and nobody is flagged for the pause'
      : fast
        ? `At ${s.speed}×, units are judged on the drill's clock: a hold the script makes 4 minutes long lasts ${duration(240 / s.speed)} here, and is flagged as 4 minutes`
        : '';
  }
}

/** A .NET TimeSpan as JSON ("00:02:13.5000000"), or plain seconds. */
function seconds(value) {
  if (typeof value === 'number') return value;
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(value ?? '');
  if (!match) return 0;
  return (Number(match[1] ?? 0) * 86400) + Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]);
}
