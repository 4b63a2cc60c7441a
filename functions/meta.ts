/** Lambda "meta": unauthenticated facts about the API, and the JSM-shaped 404 for unknown routes. */
import { NotFound } from '#errors';
import { jsmDate } from '#http/dates';
import { httpFunction } from '#http/handler';
import { metaRoutes } from '#routes/meta';
import { openApiDocument } from '#http/openapi';

const VERSION = '1.0.0';
const BUILD_DATE = new Date().toISOString();

export const handler = httpFunction(metaRoutes, {
  getInfo: async ({ baseUrl }) => ({
    version: VERSION,
    platformVersion: VERSION,
    buildDate: jsmDate(BUILD_DATE),
    buildChangeSet: process.env.BUILD_CHANGESET ?? 'local',
    isLicensedForUse: true,
    _links: { self: `${baseUrl}/rest/servicedeskapi/info` },
  }),
  getOpenApi: async ({ baseUrl }) => openApiDocument(baseUrl),
});

/** API Gateway's $default route lands here, so an unknown path answers in the JSM error shape too. */
export const notFoundHandler = async () => {
  const error = new NotFound('No such resource');
  return { statusCode: 404, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: JSON.stringify(error.toBody()) };
};
