// A person changes their own password: the current one (a wrong one counts as a failed sign-in), the new one twice.
import { put } from '/js/api.js';
import { showNotice } from '/js/notice.js';
import { formProblem, submit } from './forms.js';

export function bindOwnPassword(form) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const { currentPassword, newPassword, again } = form.elements;
    if (newPassword.value !== again.value) {
      formProblem(form, { message: 'The new password and its repetition differ', errors: [{ field: 'again' }] });
      return;
    }
    if (!await submit(form, () => put('/api/auth/password', { currentPassword: currentPassword.value, newPassword: newPassword.value }))) return;
    showNotice('Your password is changed: your other sessions ended', 'info');
  });
}
