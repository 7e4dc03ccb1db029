// The header: incident clock, threat phase in large type, and the state of the live connection. A lost
// connection is said in words across the page, the picture is marked as old, and getting it back is said too.
import { clock, siteClock } from './format.js';
import { showNotice } from './notice.js';
import { closedWords, closedRefusal } from './closed.js';

const connectionWords = {
  live: 'Live', reconnecting: 'Reconnecting…', disconnected: 'Disconnected', connecting: 'Connecting…', stale: 'Stale', unavailable: 'Unavailable',
  joining: 'Loading…', 'catching-up': 'Catching up…', 'not-recording': 'Not recording', refused: 'Not shown',
};
// Frames this far behind the incident (whole seconds) are not live: a frame of the incident's clock may be a second old as sent.
const behindAfterS = 5;
const lostStates = new Set(['reconnecting', 'disconnected', 'stale', 'unavailable', 'catching-up', 'not-recording', 'refused']);

export class Header {
  constructor(elements, picture) {
    this.elements = elements;
    this.picture = picture;
    this.mode = 'live';
    this.state = 'connecting';
    this.lost = false;
    picture.subscribe(change => { if (change.threats || change.reset || change.closed) this.renderPhase(); });
    setInterval(() => { this.renderClock(); this.renderConnectionWord(); }, 250);
  }

  renderClock() {
    const now = this.picture.now();
    const text = clock(now);
    if (this.elements.clock.textContent !== text) this.elements.clock.textContent = text;
    // Beside UTC, the site's own time, as the paperwork leads with it: those in the room write their notes by it.
    const local = siteClock(now, this.picture.site?.timeZone);
    this.elements.localClock.hidden = local == null;
    if (local != null && this.elements.localClock.textContent !== local) this.elements.localClock.textContent = local;
  }

  renderPhase() {
    const threat = this.picture.mainThreat();
    const closed = this.picture.closed;
    const phase = threat?.phase ?? 'none';
    // A closed incident's threat is active no more than anything else in it is: the header says it is closed.
    // Before the incident's picture comes (or while it cannot be shown) there is no knowing whether it has a threat.
    const unknown = this.picture.snapshotSequence < 0;
    this.elements.phase.dataset.phase = closed ? 'closed' : unknown ? 'unknown' : phase;
    this.elements.phase.textContent = closed ? 'CLOSED' : threat ? phase.toUpperCase() : unknown ? '—' : 'NO THREAT';
    this.elements.phase.title = closed ? closedWords(closed) : '';
    this.elements.phaseLabel.textContent = closed ? 'Incident' : 'Threat';
    for (const button of this.elements.phaseButtons) {
      button.setAttribute('aria-pressed', String(!closed && button.dataset.phase === phase));
      // A phase belongs to a threat: before one is placed the buttons would do nothing, so they say so.
      button.disabled = !threat || Boolean(closed);
      button.title = closed ? closedRefusal(closed) : threat ? '' : 'Place the threat first';
    }
  }

  setConnection(state, detail) {
    this.state = state;
    this.elements.connection.title = detail || '';
    this.renderConnectionWord();
    document.body.classList.toggle('incident-loading', state === 'joining' || (state === 'unavailable' && this.picture.snapshotSequence < 0));
    document.body.classList.toggle('incident-refused', state === 'refused');
    this.renderPhase();
    if (lostStates.has(state)) this.loseConnection(state, detail);
    if (state === 'live' && this.lost) this.regainConnection();
  }

  loseConnection(state, detail) {
    if (!this.lost) {
      this.lost = true;
      document.body.classList.add('connection-lost');
      this.picture.hold(true);
      this.lostAt = this.picture.now();
    }

    const at = this.lostAt;
    const as = at == null ? '' : ` The picture is as it was at ${clock(at)} and is not updating.`;
    // A browser that lost its own network hears nothing either: that is not the incident's host to blame.
    this.elements.lost.textContent = state === 'stale' && navigator.onLine === false
      ? `This browser has lost its network: no word from the incident — reaching it again by itself once the network is back.${as}`
      : state === 'stale'
      ? `No word from the incident (${detail}) — it may have moved to another host; reaching it again by itself.${as}`
      : state === 'catching-up'
      ? `Connection back — catching up with what was missed.${as}`
      : state === 'unavailable'
        ? `The incident cannot be shown now: ${detail}. Trying again by itself.${as}`
      : state === 'refused'
        ? `Not shown to you: ${detail}.${as}`
      : state === 'not-recording'
        ? `The incident has stopped recording: ${detail}. Nothing sent to it is taken until it records again, which it tries by itself; what it recorded is kept.${as}`
        : at == null ? 'No connection to the host — trying again by itself.' : `Connection lost — reconnecting by itself.${as}`;
    this.elements.lost.hidden = false;
  }

  regainConnection() {
    this.lost = false;
    document.body.classList.remove('connection-lost');
    this.picture.hold(false);
    this.elements.lost.hidden = true;
    showNotice('Reconnected — the picture is live again.', 'info');
  }

  /** In a replay the connection carries the replay: "Live" there would contradict the REPLAY badge. */
  setMode(mode) {
    this.mode = mode;
    this.renderConnectionWord();
  }

  renderConnectionWord() {
    // Live only while what is shown is: frames that come seconds behind the incident (queued on a slow link) say so.
    const behind = this.state === 'live' && this.mode !== 'replay' ? this.picture.behindS() : 0;
    const shown = behind >= behindAfterS ? 'behind' : this.state;
    const word = this.state === 'live' && this.mode === 'replay' ? 'Connected' : shown === 'behind' ? `Behind ${behind} s` : connectionWords[this.state] ?? this.state;
    if (this.elements.connectionText.textContent !== word) this.elements.connectionText.textContent = word;
    if (this.elements.connection.dataset.state !== shown) this.elements.connection.dataset.state = shown;
  }

  setIncidentName(name) {
    this.elements.name.textContent = name || '—';
    // A long name is cut to fit the bar: the whole of it on hover.
    this.elements.name.title = name || '';
    document.title = name ? `${name} — Command` : 'Command';
  }
}
