// Formatting for the numbers a commander reads from across a room: short, unit-suffixed, dash when unknown.

const dash = '—';

export function metres(value) {
  if (value == null || !Number.isFinite(value)) return dash;
  return value >= 1000 ? `${(value / 1000).toFixed(1)} km` : `${Math.round(value)} m`;
}

export function rate(mps) {
  if (mps == null || !Number.isFinite(mps)) return dash;
  const sign = mps > 0.05 ? '+' : mps < -0.05 ? '−' : '';
  return `${sign}${Math.abs(mps).toFixed(1)} m/s`;
}

/** Seconds as m:ss, or h:mm:ss past an hour. */
export function duration(seconds) {
  if (seconds == null || !Number.isFinite(seconds)) return dash;
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Age of a fix: seconds up to two minutes, then m:ss. */
export function age(seconds) {
  if (seconds == null || !Number.isFinite(seconds)) return dash;
  return seconds < 120 ? `${Math.max(0, Math.floor(seconds))} s` : duration(seconds);
}

/** Wall-clock time of day, UTC, so every screen in a drill agrees. */
export function clock(ms) {
  if (ms == null || !Number.isFinite(ms)) return '--:--:--';
  return new Date(ms).toISOString().substring(11, 19);
}

export function coordinate(value) {
  return Number(value).toFixed(6);
}

export function since(laterMs, earlierIso) {
  if (laterMs == null || !earlierIso) return null;
  return (laterMs - Date.parse(earlierIso)) / 1000;
}

/** Orders two ISO 8601 instants to the 100 ns tick the host writes (Date.parse stops at milliseconds). */
export function compareInstants(a, b) {
  const subMs = text => Number((/\.(\d+)/.exec(text)?.[1] ?? '').padEnd(7, '0').substring(3, 7));
  return Date.parse(a) - Date.parse(b) || subMs(a) - subMs(b);
}

/** What happened to a threat's marker on a device, in words: "deleted", or "marked unknown" where it now marks that. */
export function markerWords(became) {
  return became ? `marked ${became}` : 'deleted';
}
