/** `npm run docs`: rewrites the README's generated route table and docs/api-reference.md from the route table. */
import { readFileSync, writeFileSync } from 'node:fs';
import { API_REFERENCE, apiReferenceMarkdown } from './api-reference';
import { withRouteTable } from './route-table';

const readme = 'README.md';
writeFileSync(readme, withRouteTable(readFileSync(readme, 'utf8')));
writeFileSync(API_REFERENCE, apiReferenceMarkdown());
console.log(`${readme}: route table regenerated; ${API_REFERENCE}: regenerated`);
