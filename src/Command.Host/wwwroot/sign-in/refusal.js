// A refusal as the host answers it, {reason, detail, errors?}, read one way on every page: its sentence, then each field
// it names and why. It lives with the sign-in page, the one page open to anyone, so that page reads refusals the same way.

export class ApiProblem extends Error {
  constructor(status, reason, detail, errors) {
    super(detail);
    this.status = status;
    this.reason = reason;
    this.errors = errors ?? [];
  }
}

/** The problem a refused call answered: its body as parsed (null for none or not JSON), else the <fallback> sentence. */
export function refusal(status, json, fallback) {
  const detail = json?.detail ?? fallback;
  const fields = (json?.errors ?? []).map(e => `${e.field}: ${e.detail}`).join('; ');
  // A refusal of one field says that field's sentence as its own: said again in brackets, it reads twice.
  return new ApiProblem(status, json?.reason ?? 'http-error', fields && fields !== detail ? `${detail} (${fields})` : detail, json?.errors);
}

/** Marks the fields of a form a refusal names (by their name), and only those. */
export function markRefused(form, errors = []) {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  for (const field of errors) form.querySelector(`[name="${CSS.escape(field.field)}"]`)?.setAttribute('aria-invalid', 'true');
}
