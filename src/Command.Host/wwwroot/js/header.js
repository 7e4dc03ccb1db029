// The header: incident clock, threat phase in large type, and the state of the live connection.
import { clock } from './format.js';

const connectionWords = { live: 'Live', reconnecting: 'Reconnecting…', disconnected: 'Disconnected', connecting: 'Connecting…' };

export class Header {
  constructor(elements, picture) {
    this.elements = elements;
    this.picture = picture;
    picture.subscribe(change => { if (change.threats || change.reset) this.renderPhase(); });
    setInterval(() => this.renderClock(), 250);
  }

  renderClock() {
    const text = clock(this.picture.now());
    if (this.elements.clock.textContent !== text) this.elements.clock.textContent = text;
  }

  renderPhase() {
    const threat = this.picture.mainThreat();
    const phase = threat?.phase ?? 'none';
    this.elements.phase.dataset.phase = phase;
    this.elements.phase.textContent = threat ? phase.toUpperCase() : 'NO THREAT';
    for (const button of this.elements.phaseButtons) button.setAttribute('aria-pressed', String(button.dataset.phase === phase));
  }

  setConnection(state, detail) {
    this.elements.connection.dataset.state = state;
    this.elements.connectionText.textContent = connectionWords[state] ?? state;
    this.elements.connection.title = detail || '';
  }

  setIncidentName(name) {
    this.elements.name.textContent = name || '—';
    document.title = name ? `${name} — Command` : 'Command';
  }
}
