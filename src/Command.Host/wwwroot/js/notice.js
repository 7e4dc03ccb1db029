// One line under the controls for what the host refused or what went wrong, in the host's own words.

let element = null;
let timer = 0;

export function bindNotice(el) {
  element = el;
  el.addEventListener('click', () => { el.hidden = true; });
}

export function showNotice(message, kind = 'error') {
  if (!element) return;
  element.textContent = message;
  element.dataset.kind = kind;
  element.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => { element.hidden = true; }, kind === 'error' ? 12000 : 5000);
}

/**
 * Says what was just done, with a button that takes it back, for a few seconds: a stray pick on a touch screen is
 * undone in one press rather than left to stand.
 */
export function showUndo(message, label, undo) {
  if (!element) return;
  element.textContent = message;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'undo';
  button.textContent = label;
  button.addEventListener('click', e => {
    e.stopPropagation();
    element.hidden = true;
    undo();
  });
  element.append(' ', button);
  element.dataset.kind = 'info';
  element.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => { element.hidden = true; }, 10000);
}

/** Runs a command and shows why it failed instead of letting the rejection go unheard. */
export async function attempt(action) {
  try {
    return await action();
  } catch (error) {
    showNotice(error?.message ?? String(error));
    return undefined;
  }
}
