// Replay: a recorded session watched like an incident ("replay:{id}" on the same hub), on its own clock. A replay is a
// debrief room: the one who opened it drives it (or an admin, who may drive any); everyone else who may watch replays
// watches it as its driver plays, pauses and seeks it, is told who drives it and who last moved it, and is offered no controls.
import { get, post, del, enc } from './api.js';
import { can, isYou } from './session.js';
import { attempt, clearStanding, showNotice, showStanding } from './notice.js';
import { clock, speed } from './format.js';
import { sessionOption } from './session-option.js';
import { listAgainWhileChecking } from './session-checking.js';
import { Timeline } from './timeline.js';
import { Notes } from './notes.js';

const markNames = { strength: 'strength', areaForImprovement: 'area for improvement', observation: 'observation' };

/** A note as a timeline marker: at the instant it is about, with its mark, text (as it now stands) and author. */
function noteMarker(note) {
  return { type: 'note', time: note.about, subject: note.unitId, level: markNames[note.mark] ?? 'observation', reason: `${note.text} (${note.author}${note.amended ? ', amended' : ''})` };
}

/** The notes a timeline shows: those standing, each as it now reads; a withdrawn one is not shown. */
function standing(list) {
  return list.filter(n => n.type === 'note' && !n.withdrawn);
}

export class Replay {
  constructor(elements, connection, picture) {
    this.elements = elements;
    this.connection = connection;
    this.picture = picture;
    this.session = null;
    // Counts the replays chosen (and left): one still opening when another was chosen is not shown.
    this.choice = 0;
    this.shown = false;
    this.marks = null;
    this.notes = [];
    this.timeline = new Timeline(elements.seek, elements.marks, elements.time, picture, time => this.seek(time));
    this.onOpened = () => {};
    this.onOpening = () => Promise.resolve();
    this.onClosed = () => {};
    elements.open.addEventListener('click', () => this.open(elements.sessions.value));
    elements.play.addEventListener('click', () => this.play());
    elements.pause.addEventListener('click', () => this.pause());
    elements.step.addEventListener('click', () => this.step());
    elements.speed.addEventListener('change', () => { if (this.playing) this.play(); });
    this.enable(false);
    // A seek or a step comes as a whole picture, a play or pause as a change of rate: either way, who did it is asked.
    picture.subscribe(change => { if (change.reset && this.shown) this.refreshDriver(); });
    // A replay of a session still being recorded plays on at its end, and grows paused: the slider and the view's limit
    // grow with it.
    setInterval(() => this.follow(), 2000);
    setInterval(() => this.followRate(), 250);
    // A page closed, reloaded or left with the replay it opened closes it, as going Live does: otherwise it stayed
    // open and listed for nobody until the idle limit. Kept alive, the call outlives the page that sends it.
    window.addEventListener('pagehide', () => {
      if (this.session?.opened) fetch(`/api/replays/${enc(this.session.replayId)}`, { method: 'DELETE', keepalive: true });
    });
  }

  /**
   * The speed box says how fast the replay plays, whoever set it: an evaluator watching a replay another drives at 10×
   * had 1× in the box, and pressing Play there slowed it for everyone. Only a change of the replay's own speed moves
   * it, so a speed chosen here while it is paused waits for Play.
   */
  followSpeed() {
    const rate = this.picture.rate;
    if (!this.shown || !(rate > 0) || rate === this.speedShown) return;
    this.speedShown = rate;
    const select = this.elements.speed;
    const option = [...select.options].find(o => Number(o.value) === rate) ?? select.appendChild(new Option(speed(rate), String(rate)));
    select.value = option.value;
  }

  /**
   * Someone played, paused or changed the speed of the replay shown, which its frames say at once as a change of its rate:
   * who, is asked and said beside it, once a change. A move made here is said by the answer to it; a replay that stopped
   * by itself at its end is asked about once, its line unchanged.
   */
  followRate() {
    if (!this.shown) return;
    const rate = this.picture.rate;
    if (this.rateSeen != null && rate !== this.rateSeen) this.refreshDriver();
    this.rateSeen = rate;
    this.followSpeed();
  }

  /** Whether the replay shown plays: as its frames say, so also once it stopped by itself at the end of its session. */
  get playing() {
    return this.shown && this.picture.rate > 0;
  }

  /**
   * A replay of a session still being recorded learns its new end while it plays at its end, and while it is paused
   * anywhere (the host looks for what was recorded since either way): a team that paused to review a drill still
   * running could otherwise not move the slider to what was recorded after they paused.
   */
  async follow() {
    const session = this.session;
    if (!this.shown || !session?.follows || (this.playing && (this.picture.now() ?? 0) < Date.parse(session.lastTime) - 1000)) return;
    const status = await attempt(() => get(`/api/replays/${enc(session.replayId)}`));
    if (!status || this.session !== session) return;
    session.follows = status.follows;
    if (Date.parse(status.lastTime) <= Date.parse(session.lastTime)) return;
    session.lastTime = status.lastTime;
    this.timeline.extendTo(status.lastTime);
    this.picture.limitMs = Date.parse(status.lastTime);
    this.marks = attempt(() => get(`/api/replays/${enc(session.replayId)}/timeline`));
    await this.showMarks();
  }

  /**
   * Lists recorded sessions, preferring the incident being watched live; listed again while one is still being checked
   * for damage and the picker is shown, the session chosen in it is kept.
   */
  async listSessions(preferredIncident) {
    const listing = this.listing = {};
    const sessions = (await attempt(() => get('/api/sessions'))) ?? [];
    if (listing !== this.listing) return sessions;
    const select = this.elements.sessions;
    select.replaceChildren(...sessions.map(s => sessionOption(s, `${s.name || s.incidentId} · ${clock(Date.parse(s.firstTime))}–${clock(Date.parse(s.lastTime))} · ${s.eventCount ?? s.events} events`)));
    if (sessions.some(s => s.incidentId === preferredIncident && !s.unreadable)) select.value = preferredIncident;
    else select.value = sessions.find(s => !s.unreadable)?.incidentId ?? '';
    this.elements.open.disabled = !sessions.some(s => !s.unreadable);
    listAgainWhileChecking(sessions, () => select.checkVisibility(), () => listing === this.listing, () => this.listSessions(select.value));
    return sessions;
  }

  /**
   * Opens a replay of the session to drive. Only the latest choice is shown: a replay still opening when another was
   * chosen to watch (or Live) is closed again as it comes, or it took the page back to itself, paused at its start.
   */
  async open(incidentId) {
    if (!incidentId) return;
    this.close();
    const choice = this.choice;
    const created = await attempt(() => post('/api/replays', { incidentId }));
    if (!created) return;
    if (choice !== this.choice) attempt(() => del(`/api/replays/${enc(created.replayId)}`));
    else await this.show(created, true);
  }

  /** Watches a replay someone else opened: leaving it leaves it open, for its driver and whoever else watches it. */
  async watch(replayId) {
    if (this.session?.replayId === replayId) return;
    this.close();
    const choice = this.choice;
    const status = await attempt(() => get(`/api/replays/${enc(replayId)}`));
    if (status && choice === this.choice) await this.show(status, false);
  }

  /** Shows a replay as its status stands: one this page opened (and closes when it leaves it), or one it watches. */
  async show(status, opened) {
    const session = this.session = { ...status, opened };
    this.showDriver(status);
    this.setLinks(status.incidentId);
    this.timeline.setRange(Date.parse(status.firstTime), status.lastTime);
    // Asked for before joining: the flag feed of each snapshot is read from the same markers.
    this.marks = attempt(() => get(`/api/replays/${enc(status.replayId)}/timeline`));
    // Its site first: the feed names zones by it as the snapshot comes, and named them by the site shown before (the live
    // incident the page was on) where that came first.
    await this.onOpening(session);
    if (this.session !== session) return;
    // The replay's frames say how fast its clock runs, its first (the whole picture) included.
    await this.connection.watch(`replay:${status.replayId}`);
    if (this.session !== session) return;
    this.shown = true;
    this.enable(true);
    this.picture.limitMs = Date.parse(status.lastTime);
    this.onOpened(this.session);
    // A recording damaged past what its manifest indexed plays up to there; the team is told where, and why, not left to
    // take its end for the drill's: it stands until dismissed, or the replay is left.
    if (status.damaged) showStanding(status.damaged);
    // Those of a replay left while they loaded would go on the timeline of the one chosen since.
    const notes = standing(await attempt(() => Notes.load(status.incidentId)) ?? []);
    if (this.session !== session) return;
    this.notes = notes;
    await this.showMarks();
  }

  /**
   * A note just kept goes on the timeline at once: only on a replay of the incident it was written on. The note's dialog
   * closed with Escape while it was saved, and another replay opened, the note went on that one's timeline.
   */
  async addNote(note, incidentId) {
    if (!this.session || this.session.incidentId !== incidentId || note.type !== 'note') return;
    this.notes.push(note);
    await this.showMarks();
  }

  /** The session's notes read again (one written, edited or withdrawn, here or elsewhere). */
  async setNotes(list, incidentId) {
    if (!this.session || this.session.incidentId !== incidentId) return;
    this.notes = standing(list);
    await this.showMarks();
  }

  async showMarks() {
    const marks = (await this.marks) ?? [];
    this.timeline.setMarks(marks.concat(this.notes.map(noteMarker)));
  }

  async play() {
    const speed = Number(this.elements.speed.value);
    // At the end of a closed session the host plays it again from the start; at the end of one still being recorded,
    // it plays on as the recording grows.
    const answer = await this.request('play', { speed });
    if (answer && !answer.paused) this.ownRate(speed);
    if (answer) this.showDriver(answer);
  }

  async pause() {
    if (await this.control('pause')) this.ownRate(0);
  }

  /** The rate a control made here set, which the answer to it has said who set: not asked about again. */
  ownRate(rate) {
    this.picture.setRate(rate);
    this.rateSeen = rate;
  }

  step() {
    return this.control('step');
  }

  /** Moves the replay to an instant (ISO 8601 text, or epoch milliseconds); the host answers with a full frame. */
  seek(time) {
    return this.control('seek', { time: typeof time === 'string' ? time : new Date(time).toISOString() });
  }

  async control(action, body = {}) {
    const answer = await this.request(action, body);
    if (answer) this.showDriver(answer);
    return answer !== undefined;
  }

  /** Whether this page's person drives the replay shown: they opened it, or they may drive any. */
  get mine() {
    return Boolean(this.session) && can('open-replays') && (isYou(this.session.drivenById, this.session.drivenBy) || can('drive-any-replay'));
  }

  /** The replay's status read again, for who last moved it. */
  async refreshDriver() {
    const session = this.session;
    if (!session) return;
    const status = await attempt(() => get(`/api/replays/${enc(session.replayId)}`));
    if (status && this.session === session) this.showDriver(status);
  }

  /** Says who drives the replay shown and who last played, paused, stepped or seeked it, and when. */
  showDriver(status) {
    if (!this.session || status.replayId !== this.session.replayId) return;
    const { drivenBy, drivenById, changedBy, changedById, changedAt } = status;
    Object.assign(this.session, { drivenBy, drivenById, changedBy, changedById, changedAt });
    const element = this.elements.driver;
    const you = (id, name) => (isYou(id, name) ? `${name} (you)` : name);
    const changed = changedBy ? ` · last moved by ${you(changedById, changedBy)} at ${clock(Date.parse(changedAt))}` : '';
    element.textContent = `Driven by ${you(drivenById, drivenBy)}${changed}`;
    element.dataset.mine = String(this.mine);
    element.hidden = false;
    this.enable(this.shown);
  }

  /** The replay's answer to a control (its status), or undefined when there is no replay or it was refused (said in a notice). */
  async request(action, body = {}) {
    if (!this.session) return undefined;
    return attempt(() => post(`/api/replays/${enc(this.session.replayId)}/${action}`, body));
  }

  /**
   * Stops showing the replay. One opened here the host can let go of at once rather than when it expires; one watched
   * here is someone else's, and stays open.
   */
  close() {
    this.choice++;
    if (this.session?.opened) attempt(() => del(`/api/replays/${enc(this.session.replayId)}`));
    if (this.session?.damaged) clearStanding(this.session.damaged);
    this.onClosed();
    this.enable(false);
    this.session = null;
    this.marks = null;
    this.notes = [];
    this.shown = false;
    this.speedShown = null;
    this.rateSeen = null;
    this.elements.driver.hidden = true;
    this.picture.limitMs = null;
    this.timeline.clear();
  }

  /** The replay was closed elsewhere (or for idleness): stops showing it, with nothing left to close. */
  gone() {
    if (this.session) this.session.opened = false;
    this.close();
  }

  /**
   * The controls move the replay only once this browser watches it, as the slider does: a play pressed while the
   * replay still opens would have had no replay to play, and the replay would open paused. Someone who may not drive
   * this replay (another opened it) watches the slider follow, and is offered nothing to move, told why on hover.
   */
  enable(on) {
    const drive = on && this.mine;
    this.timeline.enable(drive);
    const why = on && !drive && can('open-replays') && this.session
      ? `Driven by ${this.session.drivenBy}, who opened it: only they or an admin move it — open your own replay of this session to drive one`
      : '';
    for (const control of [this.elements.play, this.elements.pause, this.elements.step, this.elements.speed]) {
      control.disabled = !drive;
      control.title = why;
    }
  }

  setLinks(incidentId) {
    for (const format of ['html', 'json', 'csv']) {
      const link = this.elements.reports[format];
      link.href = `/api/sessions/${enc(incidentId)}/report?format=${format}`;
      link.setAttribute('download', `${incidentId}-report.${format}`);
    }
  }
}
