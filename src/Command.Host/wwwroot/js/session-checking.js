// A listing answers before every recording is read for damage: those still being read are listed "· checking", and only
// a later listing says what was found. A picker listed once kept "· checking" until someone listed it again by hand (left
// the dialog or Replay and came back); while any session it lists is checking, and while it is shown, it lists again.

/** How long after a listing with a session still checking the picker lists again. */
export const checkingAgainMs = 4000;

/**
 * Lists again, with `again`, a few seconds after `sessions` were listed, where any of them is still being checked and the
 * picker is still `shown()` then, and `current()` (each listing's own) says this listing is still the latest: a picker
 * listed twice in the meantime runs one round of listings, not two.
 */
export function listAgainWhileChecking(sessions, shown, current, again) {
  if (!sessions.some(s => s.checking)) return;
  setTimeout(() => { if (current() && shown()) again(); }, checkingAgainMs);
}
