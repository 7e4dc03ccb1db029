// The board's urgency order, which the map also uses to decide whose label goes first: a unit whose own device
// raised an emergency (a 911 alert), unacknowledged alerts, then acknowledged ones, watches, stale units, then
// everyone else; nearest to the threat first within each.

export function rank(unit) {
  if (unit.alarm) return -1;
  if (unit.flag === 'alert') return unit.acknowledged ? 1 : 0;
  if (unit.flag === 'watch') return unit.acknowledged ? 3 : 2;
  if (unit.state === 'stale') return 4;
  return 5;
}

export function distance(unit) {
  return unit.pathDistanceM ?? unit.distanceM ?? Number.POSITIVE_INFINITY;
}

export function byUrgency(a, b) {
  return rank(a) - rank(b) || distance(a) - distance(b) || a.callsign.localeCompare(b.callsign);
}
