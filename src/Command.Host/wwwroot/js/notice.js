// One line under the controls for what the host refused or what went wrong, in the host's own words.

let element = null;
let timer = 0;
// What stands until its reader dismisses it (a replay's damaged recording): a passing notice shows over it for its few
// seconds, then it is back. Hidden after 12 s as any error, it was missed by a reader who looked away, who then took the
// recording's end for the drill's.
let standing = null;

export function bindNotice(el) {
  element = el;
  el.addEventListener('click', () => {
    if (el.dataset.standing !== undefined) standing = null;
    settle();
  });
}

export function showNotice(message, kind = 'error') {
  if (!element) return;
  element.textContent = message;
  element.dataset.kind = kind;
  delete element.dataset.standing;
  element.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(settle, kind === 'error' ? 12000 : 5000);
}

/** Shows what must not pass unread until it is dismissed (the notice, or its Dismiss button, pressed), or cleared. */
export function showStanding(message) {
  standing = message;
  clearTimeout(timer);
  settle();
}

/** Takes a standing notice down (what it was about is gone: the replay it spoke of closed). */
export function clearStanding(message) {
  if (standing !== message) return;
  standing = null;
  if (element?.dataset.standing !== undefined) settle();
}

// Back to what stands, or nothing.
function settle() {
  if (!element) return;
  if (standing === null) {
    element.hidden = true;
    delete element.dataset.standing;
    return;
  }

  const said = document.createElement('span');
  said.className = 'said';
  said.textContent = standing;
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'dismiss';
  dismiss.textContent = 'Dismiss';
  element.replaceChildren(said, ' ', dismiss);
  element.dataset.kind = 'error';
  element.dataset.standing = '';
  element.hidden = false;
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
    settle();
    undo();
  });
  element.append(' ', button);
  element.dataset.kind = 'info';
  delete element.dataset.standing;
  element.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(settle, 10000);
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
