// Exports of a recorded session as jobs: started over HTTP, their progress heard over the hub, the result downloaded
// from where the host keeps it once done.
import { post, enc } from './api.js';
import { attempt } from './notice.js';

const labels = { 'aar-docx': 'AAR/IP (Word)', 'aar-html': 'AAR/IP (HTML)', 'ics214-zip': 'ICS-214 logs (zip)' };

export class Exports {
  constructor(elements, connection, session) {
    this.status = elements.status;
    this.connection = connection;
    this.session = session;
    this.jobs = new Map();
    connection.hub.on('export', status => this.progress(status));
    for (const button of elements.buttons) button.addEventListener('click', () => this.start(button.dataset.export));
  }

  async start(kind) {
    const { incidentId } = this.session() ?? {};
    if (!incidentId) return;
    const job = await attempt(() => post(`/api/sessions/${enc(incidentId)}/exports`, { kind }));
    if (!job) return;
    this.jobs.set(job.jobId, job);
    this.show(job);
    const now = await attempt(() => this.connection.hub.invoke('WatchExport', job.jobId));
    if (now) this.progress(now);
  }

  progress(status) {
    const known = this.jobs.get(status.jobId);
    if (!known || known.state !== 'running') return;
    this.jobs.set(status.jobId, status);
    this.show(status);
    if (status.state === 'done') this.download(status);
  }

  show(status) {
    const what = labels[status.kind] ?? status.kind;
    this.status.dataset.state = status.state;
    this.status.textContent = status.state === 'running' ? `${what}: ${Math.round(status.progress * 100)} %`
      : status.state === 'done' ? `${what}: ready` : `${what}: failed (${status.error})`;
  }

  download(status) {
    const a = document.createElement('a');
    a.href = `/api/sessions/${enc(status.incidentId)}/exports/${enc(status.jobId)}`;
    a.download = status.fileName;
    a.className = 'export-link';
    a.textContent = status.fileName;
    this.status.replaceChildren(a);
    a.click();
  }
}
