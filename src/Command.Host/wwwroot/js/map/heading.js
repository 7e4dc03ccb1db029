// Which way a unit is going: the course its source reports, or the bearing of its last few metres of trail.

const minimumMoveM = 2;
const earthRadiusM = 6371008.8;

export function heading(fix, trail) {
  if (Number.isFinite(fix.courseDeg) && (fix.speedMps ?? 1) > 0.2) return fix.courseDeg;
  if (trail.length < 2) return null;
  const [lat1, lon1] = trail[trail.length - 2];
  const [lat2, lon2] = trail[trail.length - 1];
  const rad = Math.PI / 180;
  const north = (lat2 - lat1) * rad * earthRadiusM;
  const east = (lon2 - lon1) * rad * earthRadiusM * Math.cos(((lat1 + lat2) / 2) * rad);
  if (Math.hypot(north, east) < minimumMoveM) return null;
  return (Math.atan2(east, north) / rad + 360) % 360;
}
