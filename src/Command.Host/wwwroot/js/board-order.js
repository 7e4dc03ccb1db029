// The board's urgency order, which the flag list and the map (whose label goes first) also use: most urgent and
// unattended first. A unit whose own device raised an emergency (a 911 alert), which nobody can acknowledge; then the
// flags nobody has acknowledged yet, alerts before watches; then the acknowledged ones, alerts before watches (an
// acknowledged alert is in hand, a watch nobody has looked at is not); stale units, then everyone else; nearest to the
// threat first within each.

/** Where a flag stands in that order, a unit's own emergency first, whatever its flag. */
export function flagRank(level, acknowledged, alarm = false) {
  if (alarm) return -1;
  return (acknowledged ? 2 : 0) + (level === 'alert' ? 0 : 1);
}

export function rank(unit) {
  if (unit.alarm || unit.flag === 'alert' || unit.flag === 'watch') return flagRank(unit.flag, unit.acknowledged, Boolean(unit.alarm));
  if (unit.state === 'stale') return 4;
  return 5;
}

export function distance(unit) {
  return unit.pathDistanceM ?? unit.distanceM ?? Number.POSITIVE_INFINITY;
}

export function byUrgency(a, b) {
  return rank(a) - rank(b) || distance(a) - distance(b) || a.callsign.localeCompare(b.callsign);
}
