// The access page: everyone signed in changes their own password here; an admin also manages people, tokens, Traccar
// Client devices and sign-in lock-outs. The host refuses what the caller may not do; the page shows only the rest.
import { loadSession, bindSignOut, can } from '/js/session.js';
import { bindNotice, attempt } from '/js/notice.js';
import { bindOwnPassword } from './own-password.js';
import { People } from './people.js';
import { Tokens } from './tokens.js';
import { Devices } from './devices.js';
import { Lockouts } from './lockouts.js';
import { watchSignedIn } from './signed-in-watch.js';
import { bindThemeToggle } from '/js/theme-toggle.js';

const $ = id => document.getElementById(id);

bindNotice($('notice'));
bindThemeToggle($('theme-toggle'));
await loadSession();
bindSignOut($('signed-in-name'), $('sign-out'));
await watchSignedIn();
bindOwnPassword($('own-password-form'));
if (can('manage-access')) {
  const parts = [new People($('people')), new Tokens($('tokens')), new Devices($('devices')), new Lockouts($('lockouts'))];
  await Promise.all(parts.map(part => attempt(() => part.load())));
}
document.body.dataset.ready = 'true';
