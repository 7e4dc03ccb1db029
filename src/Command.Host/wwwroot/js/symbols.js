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

const shapes = {
  triangle: '<polygon points="12,2 22,20 2,20"/>',
  square: '<rect x="3" y="3" width="18" height="18"/>',
  diamond: '<polygon points="12,1 23,12 12,23 1,12"/>',
  cross: '<polygon points="8,2 16,2 16,8 22,8 22,16 16,16 16,22 8,22 8,16 2,16 2,8 8,8"/>',
  circle: '<circle cx="12" cy="12" r="10"/>',
  star: '<polygon points="12,1 15,9 23,9 16.5,14 19,22 12,17 5,22 7.5,14 1,9 9,9"/>',
  ring: '<circle cx="12" cy="12" r="8" fill="none" stroke-width="4"/>',
};

/** A role's shape as a 24×24 SVG, coloured by the CSS class the caller puts around it. */
export function shapeSvg(roleValue, size = 24) {
  return `<svg class="shape" viewBox="0 0 24 24" width="${size}" height="${size}" aria-hidden="true">${shapes[role(roleValue).shape]}</svg>`;
}

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
