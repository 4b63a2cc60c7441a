/** `npm run docs`: rewrites the README's generated route table from the route table. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withRouteTable } from './route-table';

const readme = 'README.md';
writeFileSync(readme, withRouteTable(readFileSync(readme, 'utf8')));
console.log(`${readme}: route table regenerated`);
