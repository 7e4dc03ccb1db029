// The picture of one incident (or one replay) as the page knows it: a full snapshot, then frames of what changed.
// Every view reads from here and redraws when told what changed. Frames are taken in as they come, but views are
// told once per animation frame, of everything that changed since: a busy incident's ten frames a second (or a
// backlog after a stall) cost the page one redraw each time it paints, not one per frame or per unit.

const trailLength = 10;
// A page the browser does not paint (a background tab) gets no animation frames; it still catches up this often.
const unpaintedFlushMs = 1000;

/**
 * Where the map shows a unit: its latest fix, or, while its latest reports are held back as a possible burst of
 * multipath, its latest fix taken in (the board's distance is from there too); null with no fix.
 */
export function shownAt(unit) {
  return unit?.heldAt ?? unit?.lastFix?.position ?? null;
}

// A host's word of since when a source is down, no later than the incident learnt it (as the incident keeps it).
function earlier(said, learnt) {
  return said && Date.parse(said) < Date.parse(learnt) ? said : learnt;
}

export class Picture {
  constructor() {
    this.listeners = new Set();
    // The site of what is shown, as the map draws it: given with the incident or the session, not by frames, so a
    // reset for the next snapshot keeps it.
    this.site = null;
    this.limitMs = null;
    this.held = false;
    this.pending = null;
    this.reset(null);
  }

  reset(groupId) {
    this.groupId = groupId;
    this.units = new Map();
    // The callsigns of units let go from the incident, for what is said of them after they left the board.
    this.gone = new Map();
    this.threats = new Map();
    // The zones' flags up, by subject ("zone:{id}"), each in the words of the latest frame that carried them.
    this.zoneFlags = new Map();
    this.suppression = null;
    this.drillClock = null;
    this.closed = null;
    this.sourcesDown = new Map();
    // The hosts that left the cluster and are not known to be back, by address: a unit whose last fix one took in went quiet with it.
    this.hostsLeft = new Map();
    this.trails = new Map();
    this.sequence = -1;
    this.snapshotSequence = -1;
    this.snapshotClock = null;
    this.clockMs = null;
    // The clock of the newest frame taken in: a later frame with an older clock came late.
    this.frameClockMs = null;
    this.clockAt = performance.now();
    this.rate = 1;
    // How much later than its own clock the newest frame came, by this browser's clock, and the least any frame did
    // since: the least is how far apart the two clocks are (a frame that came at once), the rest is how far behind it came.
    this.arrivalLagMs = null;
    this.leastLagMs = null;
    this.pending = null;
    this.changed({ reset: true, threats: true, closed: true });
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The incident clock now: the last frame's clock run on at the current rate (0 while a replay is paused or held), stopped at its close. */
  now() {
    if (this.clockMs == null) return null;
    const now = this.clockMs + (this.held ? 0 : (performance.now() - this.clockAt) * this.rate);
    // A replay playing on past its last event still shows its last instant; a closed incident, the instant it closed.
    const closedMs = this.closed ? Date.parse(this.closed.time) : null;
    const limit = Math.min(this.limitMs ?? Infinity, closedMs ?? Infinity);
    return Number.isFinite(limit) ? Math.min(now, limit) : now;
  }

  /** Stops the clock at the last instant known while frames cannot arrive, so nothing looks newer than it is. */
  hold(held) {
    if (held === this.held) return;
    this.clockMs = this.now();
    this.clockAt = performance.now();
    this.held = held;
  }

  /**
   * Seconds the frames shown came behind the incident, whole (0 while they come at once, or for a replay or a closed
   * incident, whose clocks are not the host's now). Over a slow link a busy incident's frames queue on their way: the
   * page hears from it, but what it shows is older than it looks.
   */
  behindS() {
    if (this.arrivalLagMs == null || this.closed || this.groupId?.startsWith('replay:')) return 0;
    return Math.floor((this.arrivalLagMs - this.leastLagMs) / 1000);
  }

  /** The clock as a frame sets it: at the frame's instant, running on as fast as the frame says (a replay's speed, 0 paused). */
  runClock(frame) {
    this.arrivalLagMs = Date.now() - Date.parse(frame.clock);
    this.leastLagMs = Math.min(this.leastLagMs ?? Infinity, this.arrivalLagMs);
    this.clockMs = Date.parse(frame.clock);
    this.frameClockMs = this.clockMs;
    this.clockAt = performance.now();
    if (frame.clockRate != null) this.rate = frame.clockRate;
  }

  setRate(rate) {
    this.clockMs = this.now();
    this.clockAt = performance.now();
    this.rate = rate;
  }

  apply(frame) {
    // Frames up to the snapshot's sequence are already in it (a frame of the clock alone, at the same sequence, is
    // newer only if its clock is); later ones apply in the order they come.
    if (!frame.full && (frame.sequence < this.snapshotSequence
      || (frame.sequence === this.snapshotSequence && Date.parse(frame.clock) <= Date.parse(this.snapshotClock)))) {
      // A replay played or paused at the very instant the snapshot shows says how its clock runs on from there.
      if (frame.clockRate != null && frame.sequence === this.snapshotSequence && Date.parse(frame.clock) === Date.parse(this.snapshotClock)) this.runClock(frame);
      return;
    }
    if (frame.full) {
      this.snapshotSequence = frame.sequence;
      this.snapshotClock = frame.clock;
      this.units = new Map();
      this.threats = new Map();
      this.trails = new Map();
    }
    // A frame that comes after a newer one (an observer's messages are not kept in order; the host trims it to what no
    // newer frame said) goes on without setting the clock or the sequence back to its own.
    if (frame.full || this.frameClockMs == null || Date.parse(frame.clock) >= this.frameClockMs) {
      this.sequence = frame.sequence;
      this.runClock(frame);
    }
    const units = frame.units ?? [];
    for (const unit of units) {
      this.units.set(unit.unitId, unit);
      this.extendTrail(unit);
    }
    const threatsChanged = frame.full || (frame.threats?.length ?? 0) > 0;
    if (threatsChanged) {
      this.threats = new Map((frame.threats ?? []).map(t => [t.threatId, t]));
      // Whether flags are suppressed travels with the threats: a frame that has them says (none: flags apply).
      this.suppression = frame.suppression ?? null;
    }
    // The zones' flags: a full frame says them all, a later one all again when any changed (their words grow with the clock).
    const zones = frame.full || frame.zoneFlags != null;
    if (zones) this.zoneFlags = new Map((frame.zoneFlags ?? []).map(f => [f.subject, f]));
    // Whether units are judged on a drill's clock: a full frame says it, a later one with the control that changed it.
    const before = this.drillClock;
    if (frame.full) this.drillClock = frame.drillClock ?? null;
    // Whether the incident is closed (when, by whom, why): a full frame says it, a later one with the close itself.
    const wasClosed = this.closed;
    if (frame.full) this.closed = frame.closed ?? null;
    // Which sources of reports feeding it are down: a full frame says them all, a later one each change as it is recorded.
    let sources = frame.full;
    const released = [];
    if (frame.full) this.sourcesDown = new Map((frame.sourcesDown ?? []).map(o => [o.sourceId, o]));
    if (frame.full) this.hostsLeft = new Map((frame.hostsLeft ?? []).map(h => [h.host, h]));
    for (const e of frame.events ?? []) {
      if (e.type === 'drill-controlled' && e.speed != null) {
        this.drillClock = e.speed === 1 ? null : { rate: e.speed, since: e.time, actor: e.actor, scenario: e.scenario };
      }
      if (e.type === 'incident-closed') {
        this.closed = { time: e.time, actor: e.actor, reason: e.reason };
        // Nobody is judged after the close, on a drill's clock or any other.
        this.drillClock = null;
      }
      if (e.type === 'unit-released') {
        // Let go from the incident: off the board and the map, its callsign kept for the feed that says so.
        const unit = this.units.get(e.unitId);
        if (unit) this.gone.set(e.unitId, unit.callsign);
        this.units.delete(e.unitId);
        this.trails.delete(e.unitId);
        released.push({ unitId: e.unitId });
      }
      if (e.type === 'host-departed') {
        sources = true;
        if (e.restarted) this.hostsLeft.delete(e.host);
        else this.hostsLeft.set(e.host, e);
      }
      if (e.type === 'source-changed') {
        sources = true;
        if (!e.down) this.sourcesDown.delete(e.sourceId);
        else {
          // As the incident keeps it: since it was first said so, unless it went from refusing part to down or back.
          const was = this.sourcesDown.get(e.sourceId);
          const throttled = e.throttled === true;
          const since = was && (was.throttled === true) === throttled ? was.since : earlier(e.since, e.time);
          this.sourcesDown.set(e.sourceId, { sourceId: e.sourceId, name: e.name, since, detail: e.detail, host: e.host, throttled });
        }
      }
    }
    this.changed({ reset: frame.full, units: released.length ? [...units, ...released] : units, threats: threatsChanged, events: frame.events, drillClock: before !== this.drillClock, sources, closed: wasClosed !== this.closed, zones });
  }

  /** A threat as the host answered a command with it, shown before the frame that carries it arrives. */
  putThreat(threat) {
    this.threats.set(threat.threatId, threat);
    this.changed({ threats: true });
  }

  /** Adds to what views will be told at the next animation frame. */
  changed({ reset = false, units = [], threats = false, events = [], drillClock = false, sources = false, site = false, closed = false, zones = false }) {
    const p = this.pending ??= { reset: false, units: new Set(), threats: false, events: [], drillClock: false, sources: false, site: false, closed: false, zones: false };
    if (reset) {
      p.reset = true;
      p.units.clear();
    }
    if (!p.reset) for (const unit of units) p.units.add(unit.unitId);
    p.threats ||= threats;
    p.drillClock ||= drillClock;
    p.sources ||= sources;
    p.site ||= site;
    p.closed ||= closed;
    p.zones ||= zones;
    if (events?.length) p.events.push(...events);
    if (this.flushRequest) return;
    const flush = () => this.flush();
    const frame = requestAnimationFrame(flush);
    const timer = setTimeout(flush, unpaintedFlushMs);
    this.flushRequest = { frame, timer };
  }

  /** Tells every view, once, all that changed since the last time. */
  flush() {
    if (this.flushRequest) {
      cancelAnimationFrame(this.flushRequest.frame);
      clearTimeout(this.flushRequest.timer);
      this.flushRequest = null;
    }
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    this.notify({ reset: p.reset, units: [...p.units], threats: p.threats || p.reset, events: p.events, drillClock: p.drillClock || p.reset, sources: p.sources || p.reset, site: p.site, closed: p.closed || p.reset, zones: p.zones || p.reset });
  }

  /** The threat the board and header speak of: the active one, else the first. */
  mainThreat() {
    const all = [...this.threats.values()];
    return all.find(t => t.phase === 'active') ?? all[0] ?? null;
  }

  callsign(subject) {
    return this.units.get(subject)?.callsign ?? this.gone.get(subject) ?? subject;
  }

  /**
   * The source down (or refusing part of what comes) that a unit not heard for longer than its cadence explains reported
   * through, or null: its frame says where its last fix came in only while it is unheard (stale, or kept from it by its
   * last report's stale time). A source one host connects to for the cluster is named by its section, a listener by its
   * section at the host that took the unit's reports in.
   */
  sourceDownFor(unit) {
    const fix = unit?.lastFix;
    if (!fix?.via || !(unit.state === 'stale' || unit.overdue)) return null;
    return this.sourcesDown.get(fix.via) ?? (fix.receivedBy ? this.sourcesDown.get(`${fix.via}@${fix.receivedBy}`) : undefined) ?? null;
  }

  /**
   * The leaving of the host that took in the last fix of a unit not heard for longer than its cadence explains, where that
   * host left the cluster after the fix and is not known to be back; else null.
   */
  hostLeftFor(unit) {
    const fix = unit?.lastFix;
    if (!fix?.receivedBy || !(unit.state === 'stale' || unit.overdue)) return null;
    const left = this.hostsLeft.get(fix.receivedBy);
    return left && Date.parse(left.time) >= Date.parse(fix.fixTime) ? left : null;
  }

  /** The site of what is shown (null for none): views naming its zones are told. */
  setSite(site) {
    this.site = site;
    this.changed({ site: true });
  }

  /** A zone of the site shown, by its id. */
  zone(zoneId) {
    return this.site?.zones?.find(z => z.zoneId === zoneId) ?? null;
  }

  extendTrail(unit) {
    const fix = unit.lastFix;
    if (!fix) {
      // No position (a drill started over, say): where it was is no longer where it is, so its trail goes too.
      this.trails.delete(unit.unitId);
      return;
    }
    // A report held back as multipath is not where the unit went: the trail waits for the track to take one in.
    if (unit.heldAt) return;
    const trail = this.trails.get(unit.unitId) ?? [];
    const point = [fix.position.latitude, fix.position.longitude, fix.fixTime];
    const last = trail[trail.length - 1];
    if (!last || last[2] !== point[2]) {
      trail.push(point);
      if (trail.length > trailLength) trail.shift();
    }
    this.trails.set(unit.unitId, trail);
  }

  notify(change) {
    for (const listener of this.listeners) listener(change, this);
  }
}
