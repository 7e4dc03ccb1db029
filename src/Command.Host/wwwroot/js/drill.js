// Drill controls: start, pause, resume or stop the simulated drill, and its own clock, run on between answers.
import { duration } from './format.js';
import { can } from './session.js';

const allowed = {
  start: ['ready', 'stopped', 'completed', 'faulted', 'none'],
  pause: ['running'],
  resume: ['paused'],
  stop: ['running', 'paused'],
};

// How long the page shows a drill said not playing (carrying on here after its host stopped, or standing until its
// incident's storage answers) before it asks again: nothing the incident records says when it plays again.
const notPlayingAgainMs = 3000;

export class DrillPanel {
  constructor(elements, commands) {
    this.stateText = elements.state;
    this.buttons = elements.buttons;
    this.scenario = elements.scenario;
    this.speed = elements.speed;
    this.loop = elements.loop;
    this.commands = commands;
    // While the page hears nothing from its host, what it last heard of the drill is shown as that, not run on.
    this.connected = true;
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

  /**
   * Fills the scenario picker, by name; a scenario file that does not load is listed, disabled, with its reason. A title
   * that several files share is shown with each file's name, or they could not be told apart.
   */
  async listScenarios() {
    const scenarios = (await this.commands.scenarios()) ?? [{ name: 'demo', title: 'Demo drill' }];
    const titles = new Map();
    for (const s of scenarios) if (!s.error && s.title) titles.set(s.title, (titles.get(s.title) ?? 0) + 1);
    this.scenario.replaceChildren(...scenarios.map(s => {
      const option = document.createElement('option');
      option.value = s.name;
      option.textContent = s.error ? `${s.name} (does not load)` : !s.title ? s.name : titles.get(s.title) > 1 ? `${s.title} (${s.name})` : s.title;
      option.title = s.error ?? `${s.name}${s.durationS ? `, ${Math.round(s.durationS / 60)} min` : ''}`;
      option.disabled = Boolean(s.error);
      return option;
    }));
    // A drill heard of before its list came shows what it plays now.
    this.showChoices(this.status);
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
    const answer = await this.commands.controlDrill(this.incidentId, action, this.scenario.value || 'demo', Number(this.speed.value) || 1, this.loop.checked);
    if (answer !== undefined) await this.refresh(this.incidentId);
  }

  /** Why no drill control may be used whatever the drill's state (the incident is closed), or null. */
  setRefusal(refusal) {
    this.refusal = refusal;
    this.render();
  }

  /** The page's connection to its host: while it is not live, the drill's state is as last heard, and not run on. */
  setConnection(state) {
    const connected = state === 'live';
    if (connected === this.connected) return;
    this.connected = connected;
    if (!connected && this.status?.state === 'running') {
      // Frozen at the time the page last showed: run on from the last answer while it was connected, not that answer's
      // own time (which may be minutes old: the page asks again only when the drill is controlled or the picture
      // starts over).
      this.status = { ...this.status, drillTimeS: this.shownS ?? this.at() };
      this.receivedAt = performance.now();
    }
    this.render();
  }

  show(status) {
    this.status = status ?? null;
    this.shownS = undefined;
    this.receivedAt = performance.now();
    // Asked as a drill carried on after its host stopped, it was not playing yet, and the page said so, its clock standing
    // still, for as long as it was watched: the drill played on and no later event made the page ask again.
    clearTimeout(this.again);
    if (status?.detail && this.asked) {
      const incidentId = this.incidentId;
      this.again = setTimeout(() => { if (this.asked && this.incidentId === incidentId) this.refresh(incidentId); }, notPlayingAgainMs);
    }
    // A drill that plays shows what it plays (by the name it was started by), how fast and whether it loops, whoever
    // started it.
    this.showChoices(status);
    this.render();
    this.onShown?.(this.status);
  }

  showChoices(status) {
    if (!status || allowed.start.includes(status.state)) return;
    if ([...this.scenario.options].some(o => o.value === status.scenario)) this.scenario.value = status.scenario;
    if ([...this.speed.options].some(o => Number(o.value) === status.speed)) this.speed.value = String(status.speed);
    this.loop.checked = Boolean(status.loop);
  }

  render() {
    const state = this.status?.state ?? 'none';
    for (const button of this.buttons) {
      button.disabled = Boolean(this.refusal) || !this.connected || !this.incidentId || !allowed[button.dataset.drill].includes(state);
      button.title = this.refusal ?? '';
    }
    const choosing = !this.refusal && this.connected && this.incidentId && allowed.start.includes(state);
    for (const choice of [this.scenario, this.speed, this.loop]) choice.disabled = !choosing;
    this.stateText.dataset.state = state;
    this.renderTime();
  }

  // Where the drill's clock is now, by what was last heard and how fast it runs.
  at() {
    const s = this.status;
    // One that says why it is not playing (it stands until its incident's storage answers) has a clock standing still.
    const running = s.state === 'running' && !s.detail && this.connected ? (performance.now() - this.receivedAt) / 1000 * (s.speed ?? 1) : 0;
    return seconds(s.drillTimeS ?? s.drillTime) + running;
  }

  renderTime() {
    const s = this.status;
    if (!s || s.state === 'none') {
      // Asked and answered none: a drill may still play into the incident from outside (the simulator), as its feed says.
      this.stateText.textContent = s ? 'none on this host' : 'no drill';
      this.stateText.title = s ? 'This host plays no drill here; one played from outside (the simulator) shows in the feed' : '';
      return;
    }
    // The round the incident is in: its drill's loops, and the rounds of drills started again on it before this one.
    const round = s.round > 1 ? ` · round ${s.round}` : '';
    const fast = s.speed && s.speed !== 1;
    const heard = this.connected ? '' : ' · as last heard';
    const at = this.at();
    if (this.connected) this.shownS = at;
    const standing = s.detail ? ' · not playing' : '';
    this.stateText.textContent = `${s.state.toUpperCase()} · ${duration(at)}${fast ? ` · ${s.speed}×` : ''}${round}${standing}${heard}`;
    if (!this.connected) {
      this.stateText.title = 'Not connected to the host: this is the drill as last heard, and its controls wait for the connection';
      return;
    }
    if (s.detail) {
      this.stateText.title = s.detail;
      return;
    }
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
