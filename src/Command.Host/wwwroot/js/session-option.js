// A recorded session as a choice in a picker: one whose recording cannot be read is listed, greyed, with why, and cannot
// be chosen; before, one such recording took the whole list down and no session could be replayed or compared.
export function sessionOption(session, label) {
  if (!session.unreadable) return new Option(label, session.incidentId);
  const option = new Option(`${session.incidentId} · cannot be read`, session.incidentId);
  option.disabled = true;
  option.title = session.unreadable;
  option.dataset.unreadable = '';
  return option;
}
