// Measures the dashboard from inside the page: long tasks, animation frames, each click on a board row until the map
// has drawn itself centred on that row's unit, and the bytes of the pictures and frames the hub sent. Installed before
// the page's own scripts run.
(() => {
  // What the hub sent, as it came over the socket: the latest whole picture (a join's answer) and the frames since start.
  // And how late the frames came: each one's own time against this browser's clock as it came (the host's clock and this
  // one are the same machine's when the tool starts its own host).
  const wire = { snapshotBytes: 0, snapshotUnits: 0, frameBytes: 0, frameUnits: 0, frames: 0, latestAgeMs: 0, oldestAgeMs: 0 };
  const utf8 = new TextEncoder();
  const Socket = window.WebSocket;
  window.WebSocket = class extends Socket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', e => {
        if (typeof e.data !== 'string') return;
        for (const record of e.data.split('\x1e')) {
          if (!record.includes('"clock"')) continue;
          const message = JSON.parse(record);
          const bytes = utf8.encode(record).length;
          if (message.type === 1 && message.target === 'frame') {
            wire.frames++;
            wire.frameBytes += bytes;
            wire.frameUnits += message.arguments[0].units?.length ?? 0;
            wire.latestAgeMs = Date.now() - Date.parse(message.arguments[0].clock);
            wire.oldestAgeMs = Math.max(wire.oldestAgeMs, wire.latestAgeMs);
          } else if (message.type === 3 && message.result?.units) {
            wire.snapshotBytes = bytes;
            wire.snapshotUnits = message.result.units.length;
          }
        }
      });
    }
  };

  const tasks = [];
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });

  let frames = 0;
  const count = () => { frames++; requestAnimationFrame(count); };
  requestAnimationFrame(count);

  let from = 0;
  let framesFrom = 0;
  let pending = null;
  let hooked = null;
  const clicks = [];

  // The click's own time stamp is when the browser took the input, so a busy main thread counts against the page.
  document.addEventListener('click', e => {
    const row = e.target.closest?.('#board-body [data-unit]');
    if (row) pending = { unitId: row.dataset.unit, at: e.timeStamp };
  }, true);

  function hook() {
    const page = window.commandPage;
    if (!page?.map || hooked === page.map) return;
    hooked = page.map;
    page.map.on('moveend', () => {
      const click = pending;
      if (!click) return;
      pending = null;
      // Centred once the frame that shows it is drawn.
      requestAnimationFrame(() => {
        const fix = page.picture.units.get(click.unitId)?.lastFix?.position;
        const size = page.map.getSize();
        const at = fix ? page.map.latLngToContainerPoint([fix.latitude, fix.longitude]) : null;
        clicks.push({ unitId: click.unitId, ms: performance.now() - click.at, offCentrePx: at ? Math.hypot(at.x - size.x / 2, at.y - size.y / 2) : -1 });
      });
    });
  }

  window.benchProbe = {
    start() {
      hook();
      from = performance.now();
      framesFrom = frames;
      clicks.length = 0;
      Object.assign(wire, { frameBytes: 0, frameUnits: 0, frames: 0, oldestAgeMs: 0 });
    },
    clicks: () => clicks.length,
    figures() {
      const to = performance.now();
      const span = to - from;
      let busy = 0;
      let longest = 0;
      for (const t of tasks) {
        const overlap = Math.min(to, t.start + t.duration) - Math.max(from, t.start);
        if (overlap > 0) {
          busy += overlap;
          longest = Math.max(longest, t.duration);
        }
      }
      return { seconds: span / 1000, busyShare: busy / span, longestTaskMs: longest, framesPerSecond: (frames - framesFrom) / (span / 1000), clicks: clicks.slice(), wire: { ...wire, said: document.getElementById('connection-text')?.textContent ?? '' } };
    },
  };
})();
