/** The end of the portal's session, watched and explained (web/session-watch.ts). */
import { sessionWatch } from '../../web/session-watch';
import { session } from './api';
import { t } from './i18n';
import { BASE, currentPath } from './router';

export const { watchSession, explainEnded } = sessionWatch({
  appName: () => t('helpCenter').toLowerCase(),
  session,
  signInHref: () => `${BASE}/signin?next=${encodeURIComponent(currentPath() + location.search)}`,
});
