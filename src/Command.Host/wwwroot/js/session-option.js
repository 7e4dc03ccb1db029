// A recorded session as a choice in a picker: one whose recording cannot be read is listed, greyed, with why, and cannot
// be chosen; before, one such recording took the whole list down and no session could be replayed or compared.
// One damaged past what its manifest indexed is read up to there: it can be chosen, and says so first, where a picker too
// narrow for the whole label still shows it; why, and up to where, is in its title.
export function sessionOption(session, label) {
  if (session.damaged) {
    const option = new Option(`⚠ damaged, read to its end shown · ${label}`, session.incidentId);
    option.title = session.damaged;
    option.dataset.damaged = '';
    return option;
  }
  // One whose read for damage failed (storage not answering, a disk that cannot be read) is listed by its manifest and
  // can be chosen, but says it was not checked, and why in its title: listed plain, it read as a whole recording.
  if (session.notChecked) {
    const option = new Option(`⚠ not checked for damage · ${label}`, session.incidentId);
    option.title = session.notChecked;
    option.dataset.notChecked = '';
    return option;
  }
  // One not yet read for damage since the host started (a listing reads only so much before it answers) is listed by its
  // manifest, can be chosen, and says it is still being checked; the picker lists again until it says what was found.
  if (session.checking) {
    const option = new Option(`${label} · checking`, session.incidentId);
    option.title = 'its recording is still being read for damage since the host started; the list says what was found in a few seconds';
    option.dataset.checking = '';
    return option;
  }
  if (!session.unreadable) return new Option(label, session.incidentId);
  const option = new Option(`${session.incidentId} · cannot be read`, session.incidentId);
  option.disabled = true;
  option.title = session.unreadable;
  option.dataset.unreadable = '';
  return option;
}
