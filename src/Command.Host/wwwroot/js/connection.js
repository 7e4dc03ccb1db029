// The hub connection: join one incident (or replay) at a time, take its snapshot, then apply its frames.
// Reconnects on its own, for as long as the page is open, and joins again for a fresh snapshot each time.
import { showNotice } from './notice.js';
import { toSignIn } from './api.js';

const hubPath = '/hubs/incidents';
const retryDelaysMs = [0, 1000, 2000, 5000];
const steadyRetryMs = 10000;

export class Connection {
  constructor(picture, onState) {
    this.picture = picture;
    this.onState = onState;
    this.groupId = null;
    this.joining = null;
    this.buffered = [];
    this.lastLog = '';
    this.hub = new signalR.HubConnectionBuilder()
      .withUrl(hubPath)
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: c => retryDelaysMs[c.previousRetryCount] ?? steadyRetryMs })
      .configureLogging({ log: (level, message) => { if (level >= signalR.LogLevel.Warning) this.lastLog = message; } })
      .build();
    this.hub.on('frame', frame => this.receive(frame));
    this.hub.onreconnecting(() => this.setState('reconnecting'));
    this.hub.onreconnected(() => { this.setState('live'); this.rejoin(); });
    this.hub.onclose(() => { this.setState('disconnected'); this.startLater(); });
  }

  async start() {
    this.setState('connecting');
    try {
      await this.hub.start();
      this.setState('live');
      await this.rejoin();
    } catch (error) {
      this.lastLog = error?.message ?? String(error);
      // The host no longer takes the session (signed out, roles changed, expired): sign in again.
      if (error?.statusCode === 401 || /\b401\b/.test(this.lastLog)) toSignIn();
      this.setState('disconnected');
      this.startLater();
    }
  }

  /** Stops watching what was watched and starts watching groupId ("demo", or "replay:{id}"; null for nothing). */
  async watch(groupId) {
    const previous = this.groupId;
    this.groupId = groupId;
    if (previous && previous !== groupId && this.isConnected()) {
      await this.hub.invoke('Leave', previous).catch(e => showNotice(`Leaving ${previous}: ${e.message}`));
    }
    this.picture.reset(groupId);
    if (groupId && this.isConnected()) await this.join(groupId);
  }

  /** A fresh snapshot of what is watched, e.g. after a replay seek. */
  rejoin() {
    return this.groupId ? this.join(this.groupId) : Promise.resolve();
  }

  async join(groupId) {
    const token = {};
    this.joining = token;
    this.buffered = [];
    try {
      const snapshot = await this.hub.invoke('Join', groupId);
      if (this.joining !== token || this.groupId !== groupId) return;
      this.picture.apply({ ...snapshot, full: true });
      for (const frame of this.buffered) this.picture.apply(frame);
    } catch (error) {
      showNotice(`Could not join ${groupId}: ${hubMessage(error)}`);
    } finally {
      if (this.joining === token) {
        this.joining = null;
        this.buffered = [];
      }
    }
  }

  receive(frame) {
    // A group left a moment ago may still have a frame in flight.
    if (frame.incidentId !== this.groupId) return;
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
    this.onState(state, this.lastLog);
  }
}

function hubMessage(error) {
  const text = error?.message ?? String(error);
  const marker = 'HubException: ';
  return text.includes(marker) ? text.substring(text.indexOf(marker) + marker.length) : text;
}
