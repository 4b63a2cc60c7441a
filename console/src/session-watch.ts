/** The end of the console's session, watched and explained (web/session-watch.ts). */
import { sessionWatch } from '../../web/session-watch';
import { session } from './api';
import { BASE, currentPath } from './router';

export const { watchSession, explainEnded } = sessionWatch({
  appName: 'console',
  session,
  signInHref: () => `${BASE}/signin?next=${encodeURIComponent(currentPath() + location.search)}`,
});
