// Exports of a recorded session as jobs: started over HTTP, their progress heard over the hub, the result downloaded
// from where the host keeps it once done. A job not heard of for a while is asked after over HTTP: the page may have
// reconnected to another host, which hears no progress of a job it does not run, and a job whose host went down is
// answered failed rather than left at its last per cent. The status says the exports of the session shown: each one
// running, and the last finished of each kind; a line per export ever made piled up until the page was reloaded, and
// stayed under the next replay opened.
import { get, post, enc } from './api.js';
import { attempt } from './notice.js';

// How long a running job may go unheard of before the page asks after it.
const askEveryMs = 10_000;

const labels = { 'aar-docx': 'AAR/IP (Word)', 'aar-html': 'AAR/IP (HTML)', 'ics214-zip': 'ICS-214 logs (zip)' };

export class Exports {
  constructor(elements, connection, session) {
    this.status = elements.status;
    this.connection = connection;
    this.session = session;
    this.jobs = new Map();
    // When each running job was last heard of.
    this.heard = new Map();
    this.asking = new Set();
    // The session whose exports the status says: the replay shown (none before one is, or in Live).
    this.shown = null;
    connection.hub.on('export', status => this.progress(status));
    setInterval(() => this.askAfterQuiet(), 2000);
    for (const button of elements.buttons) button.addEventListener('click', () => this.start(button.dataset.export));
  }

  async start(kind) {
    const { incidentId } = this.session() ?? {};
    if (!incidentId) {
      // A replay still opening has no session to export yet: said, rather than a press that does nothing.
      const line = this.line(`opening:${kind}`);
      line.dataset.state = 'failed';
      line.textContent = `${labels[kind] ?? kind}: nothing to export yet, the session is still opening`;
      return;
    }
    this.line(`opening:${kind}`).remove();
    const job = await attempt(() => post(`/api/sessions/${enc(incidentId)}/exports`, { kind }));
    if (!job) return;
    this.jobs.set(job.jobId, job);
    this.heard.set(job.jobId, performance.now());
    this.show(job);
    const now = await attempt(() => this.connection.hub.invoke('WatchExport', job.jobId));
    if (now) this.progress(now);
  }

  progress(status) {
    const known = this.jobs.get(status.jobId);
    if (!known || known.state !== 'running') return;
    this.jobs.set(status.jobId, status);
    this.heard.set(status.jobId, performance.now());
    this.show(status);
    if (status.state === 'done') this.download(status);
  }

  async askAfterQuiet() {
    for (const [jobId, job] of this.jobs) {
      if (job.state !== 'running' || this.asking.has(jobId) || performance.now() - (this.heard.get(jobId) ?? 0) < askEveryMs) continue;
      this.asking.add(jobId);
      try {
        this.progress(await get(`/api/exports/${enc(jobId)}`));
      } catch {
        // Asked again at the next round; the hub may still tell it first.
      } finally {
        this.asking.delete(jobId);
        this.heard.set(jobId, performance.now());
      }
    }
  }

  /**
   * Shows the exports of the session now shown (null for none): a running one of the session left goes on, its file
   * downloaded as asked, out of sight; those finished there are let go.
   */
  follow(incidentId) {
    if (incidentId === this.shown) return;
    this.shown = incidentId;
    for (const line of [...this.status.children]) {
      if (line.dataset.state === 'running' && line.dataset.session === incidentId) line.hidden = false;
      else if (line.dataset.state === 'running') line.hidden = true;
      else this.forget(line);
    }
  }

  show(status) {
    const what = labels[status.kind] ?? status.kind;
    const line = this.line(status.jobId);
    line.dataset.state = status.state;
    line.dataset.session = status.incidentId;
    line.dataset.kind = status.kind;
    line.hidden = status.incidentId !== this.shown;
    // One started again (the session recorded further since, or the file wanted again) takes the place of the last of
    // its kind finished.
    for (const other of [...this.status.children]) {
      if (other !== line && other.dataset.session === status.incidentId && other.dataset.kind === status.kind && other.dataset.state !== 'running') this.forget(other);
    }

    line.textContent = status.state === 'running' ? `${what}: ${Math.round(status.progress * 100)} %`
      : status.state === 'done' ? `${what}: ready` : `${what}: failed (${status.error})`;
  }

  download(status) {
    const a = document.createElement('a');
    a.href = `/api/sessions/${enc(status.incidentId)}/exports/${enc(status.jobId)}`;
    a.download = status.fileName;
    a.className = 'export-link';
    a.textContent = status.fileName;
    this.line(status.jobId).replaceChildren(a);
    a.click();
  }

  forget(line) {
    this.jobs.delete(line.dataset.job);
    this.heard.delete(line.dataset.job);
    line.remove();
  }

  /**
   * Each export's own line of the status: two started together shared one, which flipped between their progress, so
   * neither could be told from the other, nor seen done.
   */
  line(key) {
    let line = [...this.status.children].find(l => l.dataset.job === key);
    if (!line) {
      line = document.createElement('span');
      line.className = 'export-line';
      line.dataset.job = key;
      this.status.append(line);
    }
    return line;
  }
}
