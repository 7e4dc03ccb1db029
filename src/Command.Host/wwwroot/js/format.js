// Formatting for the numbers a commander reads from across a room: short, unit-suffixed, dash when unknown.

const dash = '—';

/**
 * Metres under a kilometre, then km to a tenth under 10 km, whole km under 100 km, and ">99 km" past that: a unit so
 * far off is not on scene (often a device's fix gone wrong), and "591.1 km" did not fit the board's column.
 */
export function metres(value) {
  if (value == null || !Number.isFinite(value)) return dash;
  if (value < 1000) return `${Math.round(value)} m`;
  if (value < 9950) return `${(value / 1000).toFixed(1)} km`;
  return value < 99500 ? `${Math.round(value / 1000)} km` : '>99 km';
}

/** Closing rate to a tenth, whole from 10 m/s (a vehicle's "+12.5 m/s" did not fit its column). */
export function rate(mps) {
  if (mps == null || !Number.isFinite(mps)) return dash;
  const sign = mps > 0.05 ? '+' : mps < -0.05 ? '−' : '';
  const speed = Math.abs(mps);
  return `${sign}${speed < 9.95 ? speed.toFixed(1) : Math.round(speed)} m/s`;
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

/**
 * Seconds as m:ss, then hours and minutes ("1h42") and ">99h": as wide as "59:59" at most, for the board's narrow
 * columns, where an ETA of "102:55:10" was cut off. Past an hour, the seconds are not what a commander acts on.
 */
export function span(seconds) {
  if (seconds == null || !Number.isFinite(seconds)) return dash;
  const s = Math.max(0, Math.floor(seconds));
  if (s < 3600) return duration(s);
  const h = Math.floor(s / 3600);
  return h > 99 ? '>99h' : `${h}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
}

/** Age of a fix: seconds up to two minutes, then as a {@link span}. */
export function age(seconds) {
  if (seconds == null || !Number.isFinite(seconds)) return dash;
  return seconds < 120 ? `${Math.max(0, Math.floor(seconds))} s` : span(seconds);
}

/** Wall-clock time of day, UTC, so every screen in a drill agrees. */
export function clock(ms) {
  if (ms == null || !Number.isFinite(ms)) return '--:--:--';
  return new Date(ms).toISOString().substring(11, 19);
}

/**
 * The time of day at ms where the site is (an IANA zone) and the zone's place, "17:52:53 Berlin"; null for a zone that
 * is UTC or that this browser does not know.
 */
export function siteClock(ms, zone) {
  if (ms == null || !Number.isFinite(ms) || !zone || /^(Etc\/)?(UTC|GMT|Zulu|Universal)$/.test(zone)) return null;
  try {
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
    return `${time} ${zone.substring(zone.lastIndexOf('/') + 1).replaceAll('_', ' ')}`;
  } catch {
    return null;
  }
}

/** A replay's speed as its speed list writes it: ¼×, ½×, 1×, 60×. */
export function speed(rate) {
  return rate === 0.25 ? '¼×' : rate === 0.5 ? '½×' : `${rate}×`;
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

/**
 * A new hostile marker sighted on a threat declared contained or neutralized, as the host says it: "new hostile marker
 * HOSTILE-9 placed by ZULU 1 at 19:32:01, 25 m north of T1, which is contained: T1 stays contained until a commander
 * declares it active"; on an active threat, "…, which is active: T1 stays where it is until a commander moves it". Who
 * dropped it is what its source says after "placed by"; else its source.
 */
export function sightingWords(marker, heading, actor, threatId, phase, at) {
  const placedBy = ', placed by ';
  const cut = actor?.lastIndexOf(placedBy) ?? -1;
  const by = cut >= 0 ? `placed by ${actor.substring(cut + placedBy.length)}` : `from ${actor}`;
  const stays = phase === 'active' ? `${threatId} stays where it is until a commander moves it` : `${threatId} stays ${phase} until a commander declares it active`;
  return `new hostile marker ${marker} ${by}${at ? ` at ${at}` : ''}, ${heading} of ${threatId}, which is ${phase}: ${stays}`;
}
