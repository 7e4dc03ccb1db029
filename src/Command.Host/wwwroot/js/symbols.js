// Roles are told apart by shape, states and flags by a word as well as a colour, so nothing depends on colour alone.

export const roles = [
  { value: 'contact', wire: 'contact', label: 'Contact', shape: 'triangle' },
  { value: 'rescueTaskForce', wire: 'rescue-task-force', label: 'Rescue task force', shape: 'circle' },
  { value: 'perimeter', wire: 'perimeter', label: 'Perimeter', shape: 'square' },
  { value: 'staging', wire: 'staging', label: 'Staging', shape: 'diamond' },
  { value: 'medical', wire: 'medical', label: 'Medical', shape: 'cross' },
  { value: 'command', wire: 'command', label: 'Command', shape: 'star' },
  { value: 'unassigned', wire: 'unassigned', label: 'Unassigned', shape: 'ring' },
];

const byValue = new Map(roles.map(r => [r.value, r]));

/** Only units whose role is to close on the threat are judged; the others hold or move by design. */
export function closes(roleValue) {
  return roleValue === 'contact' || roleValue === 'unassigned';
}

export function role(value) {
  return byValue.get(value) ?? byValue.get('unassigned');
}

export const states = {
  closing: { word: 'CLOSING', mark: '▼' },
  holding: { word: 'HOLDING', mark: '■' },
  opening: { word: 'OPENING', mark: '▲' },
  arrived: { word: 'ARRIVED', mark: '◎' },
  stale: { word: 'STALE', mark: '○' },
  unknown: { word: 'UNKNOWN', mark: '?' },
};

export function state(value) {
  return states[value] ?? states.unknown;
}

export const flags = {
  alert: { word: 'ALERT', mark: '⚠' },
  watch: { word: 'WATCH', mark: '◉' },
  none: { word: '', mark: '' },
};

export function flag(value) {
  return flags[value] ?? flags.none;
}

// Each role's shape as SVG path data on a 24×24 grid: the board draws it as SVG, the map on its canvas (Path2D).
// A ring is stroked, every other shape filled.
export const shapePaths = {
  triangle: 'M12 2 L22 20 L2 20 Z',
  square: 'M3 3 H21 V21 H3 Z',
  diamond: 'M12 1 L23 12 L12 23 L1 12 Z',
  cross: 'M8 2 H16 V8 H22 V16 H16 V22 H8 V16 H2 V8 H8 Z',
  circle: 'M2 12 A10 10 0 1 0 22 12 A10 10 0 1 0 2 12 Z',
  star: 'M12 1 L15 9 L23 9 L16.5 14 L19 22 L12 17 L5 22 L7.5 14 L1 9 L9 9 Z',
  ring: 'M4 12 A8 8 0 1 0 20 12 A8 8 0 1 0 4 12 Z',
};

/** A role's shape as a 24×24 SVG, coloured by the CSS class the caller puts around it. */
export function shapeSvg(roleValue, size = 24) {
  const shape = role(roleValue).shape;
  const ring = shape === 'ring' ? ' class="ring" fill="none" stroke-width="4"' : '';
  return `<svg class="shape" viewBox="0 0 24 24" width="${size}" height="${size}" aria-hidden="true"><path d="${shapePaths[shape]}"${ring}/></svg>`;
}

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
