// The access page watches no incident, but holds a hub connection all the same, as the dashboard does: the host closes
// it, saying why, once the credential it was opened with no longer stands (an admin changed the person's roles or
// password, or removed them; they signed out on another page). The page then asks over HTTP whether its session stands:
// a 401 takes it to the sign-in page, which says why, rather than go on offering controls whose every call would be
// refused; a session that stands (the cookie reissued by a password changed on this very page) is watched anew.
import { get } from '/js/api.js';

const retryDelaysMs = [0, 1000, 2000, 5000];
const steadyRetryMs = 10000;

/** True while the page's session stands; a 401 has already sent the page to sign in, told why. */
const stands = () => get('/api/auth/me').then(() => true, () => false);

const refused = error => error?.statusCode === 401 || /\b401\b/.test(error?.message ?? '');

export async function watchSignedIn() {
  const hub = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/incidents')
    .withAutomaticReconnect({
      // A reconnection refused for the credential is not tried again: whether the session stands is asked instead.
      nextRetryDelayInMilliseconds: c => {
        if (!refused(c.retryReason)) return retryDelaysMs[c.previousRetryCount] ?? steadyRetryMs;
        stands();
        return null;
      },
    })
    .configureLogging(signalR.LogLevel.None)
    .build();
  hub.on('closing', async why => {
    if (why?.reason !== 'credential-refused') return;
    if (await stands()) {
      await hub.stop();
      await watchSignedIn();
    }
  });
  try {
    await hub.start();
  } catch {
    await stands();
  }
}
