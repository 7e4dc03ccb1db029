// The hub connection: join one incident (or replay) at a time, take its snapshot, then apply its frames.
// Reconnects on its own, for as long as the page is open, and joins again for a fresh snapshot each time.
import { showNotice } from './notice.js';
import { ApiProblem, get, toSignIn } from './api.js';

const hubPath = '/hubs/incidents';
const retryDelaysMs = [0, 1000, 2000, 5000];
const steadyRetryMs = 10000;
// A watched incident sends at least a heartbeat every 2 s: three missed and its picture may be out of date.
const staleAfterMs = 6500;
const unavailableRetryMs = 5000;
// States that end when the picture of what is watched comes in.
const waitingStates = new Set(['stale', 'unavailable', 'joining', 'catching-up']);

/**
 * True, and the page on its way to sign in, when the hub refused the connection for its credential. The hub's 401
 * carries no body; the same question over HTTP is answered with why, which the sign-in page then says.
 */
function refused(error) {
  if (error?.statusCode !== 401 && !/\b401\b/.test(error?.message ?? '')) return false;
  get('/api/auth/me').then(() => toSignIn(), e => { if (!(e instanceof ApiProblem) || e.status !== 401) toSignIn(); });
  return true;
}

export class Connection {
  constructor(picture, onState) {
    this.picture = picture;
    this.onState = onState;
    this.groupId = null;
    this.joining = null;
    this.buffered = [];
    // The whole picture a stale page's probe brought back, kept until the incident is heard from.
    this.kept = null;
    // When a probe still out as the incident was heard from again should have been answered by: past it, it is asked again.
    this.answerDueBy = null;
    this.lastLog = '';
    this.hub = new signalR.HubConnectionBuilder()
      .withUrl(hubPath)
      // A reconnection the host refuses for the credential (a 401) is not tried again: the person must sign in again.
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: c => refused(c.retryReason) ? null : retryDelaysMs[c.previousRetryCount] ?? steadyRetryMs })
      .configureLogging({ log: (level, message) => { if (level >= signalR.LogLevel.Warning) this.lastLog = message; } })
      .build();
    this.hub.on('frame', frame => this.receive(frame));
    // The host closes a connection whose credential no longer stands (roles or password changed, signed out, revoked),
    // saying why first: not a lost connection to wait out, but a sign-in to make again.
    this.hub.on('closing', why => { if (why?.reason === 'credential-refused') toSignIn(why.detail); });
    this.hub.onreconnecting(() => this.setState('reconnecting'));
    // Back, but the picture is what it was when the connection went: not live until the incident's fresh snapshot is in
    // (a host started again brings the incident up from its recording first, which can take seconds).
    this.hub.onreconnected(() => this.catchUp());
    this.hub.onclose(() => { this.setState('disconnected'); this.startLater(); });
    this.state = 'connecting';
    this.lastFrameAt = performance.now();
    setInterval(() => this.watchSilence(), 1000);
  }

  /** A live incident that has not been heard from for a while is stale: said, and joined again (wherever it runs now). */
  watchSilence() {
    // Frames flow, but the probe this catch-up waits on was asked as the link went, and its answer may never come.
    if (this.state === 'catching-up' && this.joining && this.answerDueBy != null && performance.now() > this.answerDueBy) {
      this.catchUp();
      return;
    }
    // A join counts too: one the host has not answered (a browser that lost its network as it joined) hears nothing.
    const live = this.groupId && !this.groupId.startsWith('replay:');
    if (!live || !['live', 'joining', 'catching-up'].includes(this.state)) return;
    const silentMs = performance.now() - this.lastFrameAt;
    if (silentMs > staleAfterMs) {
      // Said once as the page turns stale: a count of seconds would stand still in the banner while the silence grew.
      this.lastLog = `no word from ${this.groupId} for over ${Math.floor(staleAfterMs / 1000)} s`;
      this.setState('stale');
      this.probe(this.groupId);
    }
  }

  async start() {
    this.setState('connecting');
    try {
      await this.hub.start();
      // A page that had a picture before the connection closed is catching up; one that had none is loading it.
      if (this.picture.snapshotSequence >= 0 && this.groupId) {
        await this.catchUp();
      } else {
        this.setState('live');
        await this.rejoin();
      }
    } catch (error) {
      this.lastLog = error?.message ?? String(error);
      // The host no longer takes the session (signed out, roles changed, expired): sign in again.
      if (refused(error) || refused({ message: this.lastLog })) return;
      this.setState('disconnected');
      this.startLater();
    }
  }

  /** Stops watching what was watched and starts watching groupId ("demo", or "replay:{id}"; null for nothing). */
  async watch(groupId) {
    const previous = this.groupId;
    this.groupId = groupId;
    this.lastFrameAt = performance.now();
    if (waitingStates.has(this.state) || ['not-recording', 'refused'].includes(this.state)) this.setState(this.isConnected() ? 'live' : 'disconnected');
    if (previous && previous !== groupId && this.isConnected()) {
      await this.hub.invoke('Leave', previous).catch(e => showNotice(`Leaving ${previous}: ${e.message}`));
      // Something else was chosen while the host let go of the last: the host takes calls in the order made, so joining
      // this now came after its leaving, and left the page in its group for nobody (its frames sent on, a replay kept open).
      if (this.groupId !== groupId) return;
    }
    this.picture.reset(groupId);
    if (groupId && this.isConnected()) await this.join(groupId);
  }

  /** Heard again after a loss: the picture stays marked as old until a fresh snapshot of what is watched is in. */
  catchUp() {
    if (!this.groupId) {
      this.setState('live');
      return Promise.resolve();
    }

    this.setState('catching-up');
    return this.join(this.groupId);
  }

  /** A fresh snapshot of what is watched, e.g. after a replay seek. */
  rejoin() {
    return this.groupId ? this.join(this.groupId) : Promise.resolve();
  }

  async join(groupId, { probe = false } = {}) {
    const token = {};
    this.joining = token;
    this.buffered = [];
    this.kept = null;
    this.answerDueBy = null;
    // The silence is timed from the asking: a join made after a long-lost connection came back is not stale at once.
    this.lastFrameAt = performance.now();
    // Nothing of this incident shown yet: until its picture comes, the page says it is loading, not an empty incident
    // under "Live" (an incident whose storage is away takes its host 20 s to give up on).
    if (this.picture.snapshotSequence < 0 && this.state === 'live') this.setState('joining');
    try {
      const snapshot = await this.hub.invoke('Join', groupId);
      if (this.joining !== token || this.groupId !== groupId) return;
      this.lastFrameAt = performance.now();
      // A probe's answer says nothing of why the frames stopped: stale until heard from, and then this picture is the
      // one. It is taken now only by a page heard from meanwhile, and so catching up from it.
      if (probe && this.state !== 'catching-up') {
        if (this.state === 'stale') this.kept = snapshot;
        return;
      }
      this.picture.apply({ ...snapshot, full: true });
      for (const frame of this.buffered) this.picture.apply(frame);
      if (waitingStates.has(this.state)) this.setState('live');
    } catch (error) {
      const message = hubMessage(error);
      if (probe && this.state !== 'catching-up') {
        if (this.groupId === groupId && this.state === 'stale' && message.startsWith('unavailable:')) this.unavailable(groupId, message);
      } else if (message.startsWith('unavailable:')) {
        this.unavailable(groupId, message);
      } else if (message.startsWith('credential-refused:')) {
        // Its credential no longer stands (roles or password changed, signed out, revoked), said before the host's sweep
        // closed the connection: a sign-in to make again, as the closing message would say.
        toSignIn(message.substring('credential-refused:'.length).trim());
      } else if (message.startsWith('missing-right:') && this.groupId === groupId) {
        // Not this caller's to watch (a closed incident is a recording): said across the page, and not asked again.
        this.lastLog = message.substring('missing-right:'.length).trim();
        this.setState('refused');
      } else {
        if (this.state === 'joining' || this.state === 'catching-up') this.setState('live');
        showNotice(`Could not join ${groupId}: ${message}`);
      }
    } finally {
      if (this.joining === token) {
        this.joining = null;
        this.buffered = [];
      }
    }
  }

  /**
   * Asks for an incident gone silent, to learn why: one that cannot be brought up now (its recording unreadable, the
   * cluster's storage away) says so, and the banner says that instead of a guess. One that answers stays stale until it
   * is heard from, but its answer is a whole picture (a join's): heard from, the page goes on from that, and does not ask
   * for it again (over a slow link a busy incident's picture takes seconds).
   */
  probe(groupId) {
    return this.join(groupId, { probe: true });
  }

  /** Heard from again after the probe brought the whole picture: that, then this frame (the first since, in order). */
  resume(frame) {
    const snapshot = this.kept;
    this.kept = null;
    this.picture.apply({ ...snapshot, full: true });
    this.picture.apply(frame);
    this.setState('live');
  }

  // The incident cannot be shown as it is now: say why, and try again.
  unavailable(groupId, message) {
    this.lastLog = message.substring('unavailable:'.length).trim();
    this.setState('unavailable');
    setTimeout(() => { if (this.groupId === groupId && this.state === 'unavailable') this.rejoin(); }, unavailableRetryMs);
  }

  // The incident could not record and takes nothing until it can: said over the picture it holds, which stands where
  // the recording stopped, until a frame past that says it records again (it tries again by itself).
  notRecording(frame) {
    this.stoppedAt = frame.sequence;
    this.lastLog = frame.notRecording.why;
    this.setState('not-recording');
  }

  receive(frame) {
    // A group left a moment ago may still have a frame in flight.
    if (frame.incidentId !== this.groupId) return;
    this.lastFrameAt = performance.now();
    if (frame.notRecording) {
      this.notRecording(frame);
      return;
    }

    if (this.state === 'not-recording') {
      // Heard, but nothing recorded past where it stopped: the picture stands. Past it, it records again: a whole picture.
      if (frame.sequence > this.stoppedAt) this.catchUp();
      return;
    }

    if (this.state === 'stale') {
      // Heard again: frames may have been missed meanwhile, so start from a whole picture: the one the probe brought if it
      // is in, else the one it is bringing (this frame waits for it, as any frame waits for a join's answer).
      if (this.kept) {
        this.resume(frame);
      } else if (this.joining) {
        this.setState('catching-up');
        this.buffered.push(frame);
        this.answerDueBy = performance.now() + staleAfterMs;
      } else {
        this.catchUp();
      }
      return;
    }

    // Frames sent while the snapshot is being taken may be newer than it: keep them until it arrives.
    if (this.joining) this.buffered.push(frame); else this.picture.apply(frame);
  }

  invoke(method, ...args) {
    return this.hub.invoke(method, ...args);
  }

  isConnected() {
    return this.hub.state === signalR.HubConnectionState.Connected;
  }

  startLater() {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => this.start(), steadyRetryMs);
  }

  setState(state) {
    // A probe's picture is kept only while nothing else has happened since: stale, and only stale.
    if (state !== 'stale') this.kept = null;
    this.state = state;
    this.onState(state, this.lastLog);
  }
}

function hubMessage(error) {
  const text = error?.message ?? String(error);
  const marker = 'HubException: ';
  return text.includes(marker) ? text.substring(text.indexOf(marker) + marker.length) : text;
}
