/**
 * The portal's navigation, under /portal: the mails' links (PORTAL_URL/invitation/accept, PORTAL_URL/password/reset)
 * and the API's request links (PORTAL_URL/request/KEY) open the right page.
 */
import { createRouter } from '../../web/router';

export { match, type Route } from '../../web/router';
export const { BASE, link, go, currentPath, startRouter } = createRouter('/portal');
