// Live and replay: the same map, board and flags, fed by an incident or by a recorded session.
import { loadIncident, flagHistory } from './incidents.js';
import { Replay } from './replay.js';
import { ReplayState } from './replay-state.js';
import { OpenReplays } from './open-replays.js';
import { DistanceChart } from './chart.js';
import { can } from './session.js';
import { showNotice } from './notice.js';
import { closedRefusal } from './closed.js';

const $ = id => document.getElementById(id);

// The address names the incident shown (?incident=id), so a reload, a bookmark or the way back from signing in opens
// it again: chosen in the picker with the address left alone, a reload went back to the demo.
function keepInAddress(incidentId) {
  const url = new URL(location.href);
  if (incidentId) url.searchParams.set('incident', incidentId);
  else url.searchParams.delete('incident');
  if (url.href !== location.href) history.replaceState(history.state, '', url);
}

export class Modes {
  constructor(parts) {
    Object.assign(this, parts);
    this.mode = 'live';
    this.replay = new Replay({
      sessions: $('session-picker'), open: $('replay-open'), play: $('replay-play'), pause: $('replay-pause'),
      step: $('replay-step'), speed: $('replay-speed'), seek: $('replay-seek'), marks: $('timeline-marks'), time: $('replay-time'), driver: $('replay-driver'),
      reports: { html: $('report-html'), json: $('report-json'), csv: $('report-csv') },
    }, this.connection, this.picture);
    new ReplayState($('replay-state'), this.replay, this.picture);
    this.openReplays = new OpenReplays($('open-replays'), $('open-replays-hint'), replayId => this.replay.watch(replayId));
    this.openReplays.onGone = listed => this.replayGone(listed);
    this.chart = new DistanceChart($('chart'), $('chart-hint'), this.picture);
    this.replay.onOpened = session => this.replayOpened(session);
    this.replay.onOpening = session => this.replaySite(session);
    this.replay.onClosed = () => {
      this.openReplays.show(null);
      this.onWatched?.(null);
    };
    this.board.onSelection = ids => {
      this.mapView.units.setPicked(ids);
      if (this.mode === 'replay') this.chart.show(this.replay.session?.replayId, ids);
    };
    // A close heard (or a closed incident joined) takes every command away, saying why.
    this.picture.subscribe(change => { if (change.closed) this.applyCommands(); });
    $('mode-live').addEventListener('click', () => this.showLive(this.commands.incidentId ?? this.picker.select.value));
    $('mode-replay').addEventListener('click', () => this.showReplay());
  }

  async showLive(incidentId) {
    // Only the latest choice is shown: one made while the page was still loading the one it opened on (its site
    // asked for, not yet answered) was shown, then overwritten by the first when its answer came last.
    const shown = this.shownLive = (this.shownLive ?? 0) + 1;
    this.setMode('live');
    this.replay.close();
    this.commands.incidentId = incidentId || null;
    this.picker.select.value = incidentId ?? '';
    keepInAddress(incidentId);
    // The drill panel goes with the commands to the incident picked at once: Start pressed while its site loaded started
    // the drill on the incident left.
    this.drill.forget(incidentId);
    const view = incidentId ? await loadIncident(incidentId) : null;
    if (shown !== this.shownLive || this.mode !== 'live') return;
    this.header.setIncidentName(view?.name ?? incidentId);
    this.mapView.showSite(view?.site ?? null);
    this.zonePanel?.close();
    if (incidentId) await this.connection.watch(incidentId);
  }

  /**
   * Replay mode never shows live data under the REPLAY banner. It lists the replays open now, to watch one along with
   * its driver; for someone who may open replays it opens the session of the incident being watched, if recorded.
   */
  async showReplay() {
    if (this.mode === 'replay') return;
    const incidentId = this.commands.incidentId;
    this.setMode('replay');
    this.header.setIncidentName(null);
    // Nothing more once a replay was chosen to watch (or Live) while the host answered: the header went blank over the
    // incident gone back to, or over the replay picked.
    const choice = this.replay.choice;
    const chosen = () => this.mode === 'replay' && choice === this.replay.choice;
    await this.connection.watch(null);
    if (!chosen() || !can('open-replays')) return;
    const sessions = await this.replay.listSessions(incidentId);
    if (chosen() && sessions.some(s => s.incidentId === incidentId)) await this.replay.open(incidentId);
  }

  /** The replay shown was closed (by whoever opened it, or for idleness): said, and nothing is shown in its place. */
  async replayGone(listed) {
    if (this.mode !== 'replay' || this.replay.session?.replayId !== listed.replayId) return;
    showNotice(`The replay of ${listed.name || listed.incidentId} opened by ${listed.openedBy} was closed.`, 'info');
    this.replay.gone();
    this.header.setIncidentName(null);
    await this.connection.watch(null);
  }

  async replayOpened(session) {
    this.openReplays.show(session.replayId);
    this.board.clearSelection();
    this.onWatched?.(session.incidentId);
  }

  /** The replayed incident's name and site, shown before its picture is joined. */
  async replaySite(session) {
    const view = this.picker.has(session.incidentId) ? await loadIncident(session.incidentId) : null;
    // Not once another was chosen (another replay, or Live) while its site was asked for: it went over that one's.
    if (this.replay.session !== session) return;
    this.header.setIncidentName(`${view?.name ?? session.name ?? session.incidentId}`);
    this.mapView.showSite(view?.site ?? session.site ?? null);
  }

  /** What was recorded up to now of what is watched: the replay's timeline, or the live incident's session so far. */
  history(groupId) {
    if (groupId.startsWith('replay:')) return this.replay.marks;
    // A closed incident's session is a recording, for those who may watch replays: the rest see its picture at the close.
    return this.picture.closed && !can('watch-replays') ? [] : flagHistory(groupId);
  }

  setMode(mode) {
    this.mode = mode;
    this.zonePanel?.close();
    document.body.dataset.mode = mode;
    this.header.setMode(mode);
    $('mode-live').setAttribute('aria-pressed', String(mode === 'live'));
    $('mode-replay').setAttribute('aria-pressed', String(mode === 'replay'));
    $('replay-badge').hidden = mode !== 'replay';
    for (const el of document.querySelectorAll('.replay-only')) el.hidden = mode !== 'replay';
    for (const el of document.querySelectorAll('.live-only')) el.hidden = mode !== 'live';
    this.applyCommands();
    this.board.selectable = mode === 'replay';
    this.board.clearSelection();
    if (mode === 'replay') this.chart.clear('Click unit rows to plot them');
    if (mode === 'replay') this.openReplays.start(); else this.openReplays.stop();
    this.onMode?.(mode);
  }

  /**
   * Commands are for the live picture, for those who may give them, and for an incident still open: a closed one's
   * controls stay in sight, disabled, each saying on hover when, by whom and why it was closed. So do those of an
   * incident not shown to this caller (a closed one, to someone who may not watch replays), saying why.
   */
  applyCommands() {
    const closed = this.mode === 'live' ? this.picture.closed : null;
    const notShown = this.mode === 'live' && this.connection.state === 'refused' ? `Not shown to you: ${this.connection.lastLog}` : null;
    const refusal = closed ? closedRefusal(closed) : notShown;
    const editable = this.mode === 'live' && can('command') && !closed && !notShown;
    // A command's control stays in sight, disabled, for those who could give it: an observer was shown an Ack it never had.
    const commandRefusal = can('command') ? refusal : null;
    this.mapView.setEditable(editable, commandRefusal);
    this.alerts.setEditable(editable, commandRefusal);
    this.board.setEditable(editable, commandRefusal);
    this.drill.setRefusal(refusal);
    const close = $('close-incident');
    close.disabled = Boolean(closed || notShown);
    close.title = refusal ?? '';
  }
}
