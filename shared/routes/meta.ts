/** Routes of the "meta" function: unauthenticated facts about the API. */
import { JSM, functionRoutes } from './route';

export const metaRoutes = functionRoutes('meta', {
  getInfo: { method: 'GET', path: `${JSM}/info`, role: 'public', success: 200 },
  getOpenApi: { method: 'GET', path: '/rest/openapi.json', role: 'public', success: 200 },
});
