// Puts the page together: one picture, one hub connection, and the views that read them.
import { loadSession, bindSignOut } from './session.js';
import { bindNotice } from './notice.js';
import { Picture } from './picture.js';
import { Connection } from './connection.js';
import { Commands } from './commands.js';
import { Header } from './header.js';
import { Board } from './board.js';
import { Alerts } from './alerts.js';
import { DrillPanel } from './drill.js';
import { IncidentPicker } from './incidents.js';
import { MapView } from './map/map-view.js';
import { Modes } from './modes.js';
import { Focus } from './focus.js';
import { UnitSearch } from './unit-search.js';
import { ZonePanel } from './zone-panel.js';
import { ReasonMenu } from './reason-menu.js';
import { SuppressionBanner } from './suppression.js';
import { MarkerDeletedBanner } from './marker-deleted.js';
import { SightingBanner } from './sighting.js';
import { DrillClockBanner } from './drill-clock.js';
import { SourcesBanner } from './sources.js';
import { ClosedBanner } from './closed.js';
import { Notes } from './notes.js';
import { Ratings } from './ratings.js';
import { Exports } from './exports.js';
import { Compare } from './compare.js';
import { bindThemeToggle } from './theme-toggle.js';

const $ = id => document.getElementById(id);

bindNotice($('notice'));
bindThemeToggle($('theme-toggle'));
await loadSession();
bindSignOut($('signed-in-name'), $('sign-out'));

const picture = new Picture();
const commands = new Commands();
const focus = new Focus();
const header = new Header({
  clock: $('clock'), localClock: $('clock-local'), phase: $('threat-phase'), phaseLabel: $('threat-phase-label'), name: $('incident-name'),
  connection: $('connection'), connectionText: $('connection-text'), lost: $('connection-lost'),
  phaseButtons: document.querySelectorAll('.controls [data-phase]'),
}, picture);
const drill = new DrillPanel({
  state: $('drill-state'), buttons: document.querySelectorAll('[data-drill]'), scenario: $('drill-scenario'), speed: $('drill-speed'), loop: $('drill-loop'),
}, commands);
// Set once the modes are: an incident not shown to this caller takes its commands away too (only as that changes: the
// commands are set again, a threat being placed given up, not at every turn of the connection).
let commandsFollow = () => {};
let refused = false;
const connection = new Connection(picture, (state, detail) => {
  header.setConnection(state, detail);
  drill.setConnection(state);
  if ((state === 'refused') !== refused) {
    refused = !refused;
    commandsFollow();
  }
});
const mapView = new MapView($('map'), picture, commands, $('place-threat'), focus);
const board = new Board({ table: $('board'), body: $('board-body'), scroller: $('board-scroll'), count: $('unit-count'), filter: $('role-filter'), density: $('board-density'), risen: $('board-risen') }, picture, commands, focus);
new UnitSearch($('unit-search'), $('unit-search-status'), picture, focus);
const alerts = new Alerts({ active: $('active-flags'), feed: $('feed'), count: $('active-count'), announcer: $('flag-announcer') }, picture, commands, id => modes.history(id));

// Contained and neutralized suppress flags: a decision, so it takes a reason, as an acknowledgement does.
const declare = new ReasonMenu('Flags will be suppressed because…', ['subject barricaded', 'subject in custody', 'subject down'], 'Declare',
  (phase, reason) => { const threat = picture.mainThreat(); return threat && commands.setPhase(threat.threatId, phase, reason); });
for (const button of document.querySelectorAll('.controls [data-phase]')) {
  button.addEventListener('click', () => {
    const threat = picture.mainThreat();
    if (!threat) return;
    const phase = button.dataset.phase;
    if (phase === 'contained' || phase === 'neutralized') declare.open(button, phase);
    else commands.setPhase(threat.threatId, phase);
  });
}
new ClosedBanner($('incident-closed'), picture);
new SuppressionBanner($('suppression'), picture);
new MarkerDeletedBanner($('marker-deleted'), picture);
new SightingBanner($('sighting'), picture, commands);
new SourcesBanner($('sources-down'), picture);
const drillClockBanner = new DrillClockBanner($('drill-clock'), picture, {
  commands, hostDrill: () => ['running', 'paused'].includes(drill.status?.state),
});
drill.onShown = () => drillClockBanner.render(picture.drillClock);

const zonePanel = new ZonePanel($('zone-panel'), picture, commands);
mapView.plan.onZone = zoneId => { if (modes.mode === 'live') zonePanel.open(zoneId); };
$('close-incident').addEventListener('click', async () => {
  if (!commands.incidentId) return;
  const reason = window.prompt(`Close incident ${commands.incidentId}? It will take no more reports or commands; its recording stays for replay. Why?`);
  // The close comes back in the incident's frames, as it does to every page watching: they take the commands away.
  if (reason?.trim()) await commands.closeIncident(reason.trim());
});

const modes = new Modes({ picture, connection, commands, header, mapView, board, alerts, drill, zonePanel });
commandsFollow = () => modes.applyCommands();
const picker = new IncidentPicker($('incident-picker'), id => modes.showLive(id));
modes.picker = picker;
// A close heard, or a closed incident joined: a declaration half made goes, and the picker lists it closed.
picture.subscribe(change => {
  if (!change.closed || !picture.closed || modes.mode !== 'live') return;
  declare.close();
  picker.markClosed(commands.incidentId, picture.closed.time);
});

// What a note is about and what an export reads: the replay open, or the live incident.
const watched = () => (modes.mode === 'replay'
  ? (modes.replay.session ? { incidentId: modes.replay.session.incidentId, replayId: modes.replay.session.replayId } : null)
  : (commands.incidentId ? { incidentId: commands.incidentId } : null));
const notes = new Notes({
  dialog: $('note-dialog'), form: $('note-form'), title: $('note-title'), hint: $('note-hint'), text: $('note-text'), mark: $('note-mark'),
  unit: $('note-unit'), objective: $('note-objective'), reason: $('note-reason'), error: $('note-error'), save: $('note-save'), cancel: $('note-cancel'),
  open: document.querySelectorAll('.note-open'),
  panel: { dialog: $('notes-dialog'), list: $('notes-list'), empty: $('notes-empty'), close: $('notes-close'), open: document.querySelectorAll('.notes-open') },
}, picture, watched, connection);
notes.onAdded = (note, incidentId) => { if (modes.mode === 'replay') modes.replay.addNote(note, incidentId); };
new Ratings({
  dialog: $('rating-dialog'), form: $('rating-form'), open: $('rating-open'), objective: $('rating-objective'), proposed: $('rating-proposed'),
  rating: $('rating-value'), reasonField: $('rating-reason-field'), reason: $('rating-reason'), none: $('rating-none'),
  error: $('rating-error'), save: $('rating-save'), cancel: $('rating-cancel'),
}, watched);
// A note written, edited or withdrawn anywhere moves, changes or leaves the replay's timeline here too.
notes.onChanged = (list, incidentId) => { if (modes.mode === 'replay') modes.replay.setNotes(list, incidentId); };
new Compare({ dialog: $('compare-dialog'), open: $('compare-open'), close: $('compare-close'), run: $('compare-run'), sessions: $('compare-sessions'), map: $('compare-map'), result: $('compare-result') });
const sessionExports = new Exports({ status: $('export-status'), buttons: document.querySelectorAll('[data-export]') }, connection, watched);
// The exports said are the replay's shown: none of one left, nor of Live.
modes.onWatched = incidentId => sessionExports.follow(incidentId);

// Only an incident a drill drives has a drill status; frames say when one does (a drill-controlled event, a drill's
// clock paused or fast, or reports from the simulator), and asking before that would only be answered "no drill". A
// whole picture after a gap (joined again, or the host caught up after the incident moved) may follow drill controls
// this page never heard (a drill carried on elsewhere, paused, looped): a drill known here is asked about again.
picture.subscribe(change => {
  if (modes.mode !== 'live') return;
  const controlled = change.events.some(e => e.type === 'drill-controlled') || (!drill.asked && picture.drillClock != null);
  const simulated = !drill.asked && change.units.some(id => picture.units.get(id)?.lastFix?.source === 'simulator');
  const resynced = change.reset && drill.asked && picture.snapshotSequence >= 0;
  if (controlled || simulated || resynced) drill.refresh(commands.incidentId);
});

// A site given to the incident as it is watched (a drill brings its scenario's to an incident opened with only an
// origin) is drawn as it was recorded: its buildings and hot zone, not the bare origin the page loaded. Only while that
// incident is still the one picked: picked away from while the next one's site loaded, the page drew the site given to
// the one it was leaving (a drill started there), under the one picked.
picture.subscribe(change => {
  if (modes.mode !== 'live' || picture.groupId !== commands.incidentId) return;
  const given = change.events.findLast(e => e.type === 'site-set');
  if (given?.site) mapView.showSite(given.site);
});

// A handle for tests, benchmarks and the console: what the page holds and what its map shows.
window.commandPage = { picture, map: mapView.map, mapView, board, focus };

// ?incident=id opens that incident, so a wall display or a bookmark always shows the same one; the page keeps it
// naming the incident shown. Replay chosen while the page still loaded (a slow network) is not undone: the page was
// taken back to Live as the list came, and a replay opened meanwhile closed. The incident stays picked for Live.
const wanted = new URLSearchParams(location.search).get('incident');
await connection.start();
const first = await picker.load(wanted);
if (modes.mode === 'live') await modes.showLive(first);
