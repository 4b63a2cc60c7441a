/** The console's navigation, under /console: the mailed set-password and reset links open their pages. */
import { createRouter } from '../../web/router';

export { match, type Route } from '../../web/router';
export const { BASE, link, go, currentPath, startRouter } = createRouter('/console');
