/**
 * docs/api-reference.md, generated from the OpenAPI document (itself generated from the route table, the schemas that
 * validate requests and the shapes the tests check answers against), so the reference lists every route with who may
 * call it, its parameters, body and answers, and every shape once. `npm run docs` writes it; test/api-reference.test.ts
 * fails when the file differs.
 */
import { openApiDocument } from '#http/openapi';

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  description?: string;
};
interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  'x-required-role': string;
  security: Array<Record<string, []>>;
  parameters: Array<{ name: string; in: string; required: boolean; schema: Schema }>;
  requestBody?: { content: { 'application/json': { schema: Schema } } };
  responses: Record<string, { description: string; content?: { 'application/json': { schema: Schema } } }>;
}

export const API_REFERENCE = 'docs/api-reference.md';

const SCHEMAS = '#/components/schemas/';
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** GitHub's anchor of a heading. */
const anchor = (name: string) => name.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');

/** A schema as a short type expression: `string`, `User`, `array of Comment`, `"open" or "restricted"`. */
const typeOf = (s: Schema): string => {
  if (s.$ref) {
    const name = s.$ref.slice(SCHEMAS.length);
    return `[${name}](#${anchor(name)})`;
  }
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' or ');
  const options = s.anyOf ?? s.oneOf;
  if (options) return options.map(typeOf).join(' or ');
  if (Array.isArray(s.type)) return s.type.join(' or ');
  if (s.type === 'array') return s.items ? `array of ${typeOf(s.items)}` : 'array';
  if (s.type === 'object') {
    if (s.properties) return `{${Object.keys(s.properties).join(', ')}}`;
    return typeof s.additionalProperties === 'object' ? `map of ${typeOf(s.additionalProperties)}` : 'object';
  }
  return s.type ?? 'any JSON';
};

/** Limits and defaults, said briefly. */
const rulesOf = (s: Schema): string => {
  const rules: string[] = [];
  if (s.minLength !== undefined || s.maxLength !== undefined) rules.push(`${s.minLength ?? 0} to ${s.maxLength ?? '∞'} characters`);
  // zod's int() bounds every integer by the safe range: not a rule worth saying.
  const bound = (n: number | undefined) => (n === undefined || Math.abs(n) >= Number.MAX_SAFE_INTEGER ? undefined : n);
  const [min, max] = [bound(s.minimum), bound(s.maximum)];
  if (min !== undefined || max !== undefined) rules.push(max === undefined ? `at least ${min}` : min === undefined ? `at most ${max}` : `${min} to ${max}`);
  if (s.minItems !== undefined || s.maxItems !== undefined) rules.push(`${s.minItems ?? 0} to ${s.maxItems ?? '∞'} items`);
  if (s.format) rules.push(s.format);
  if (s.pattern) rules.push(`matches \`${s.pattern}\``);
  if (s.default !== undefined) rules.push(`default \`${JSON.stringify(s.default)}\``);
  if (s.description) rules.push(s.description);
  return rules.join('; ');
};

/** An object schema's fields as table rows; nested objects' fields with dotted names. */
const fieldRows = (s: Schema, prefix = ''): string[][] => {
  const rows: string[][] = [];
  for (const [name, field] of Object.entries(s.properties ?? {})) {
    const path = `${prefix}${name}`;
    rows.push([`\`${path}\``, cell(typeOf(field)), s.required?.includes(name) ? 'yes' : '', cell(rulesOf(field))]);
    if (field.type === 'object' && field.properties) rows.push(...fieldRows(field, `${path}.`));
  }
  return rows;
};

const table = (head: string[], rows: string[][]): string[] =>
  rows.length === 0 ? [] : [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`), ''];

const WHO: Record<string, string> = {
  public: 'anyone, no credentials',
  customer: 'a customer (Bearer portal session)',
  signedIn: 'a customer (Bearer) or staff (Basic)',
  agent: 'staff: agents and admins (Basic)',
  admin: 'admins (Basic)',
};

const operationSection = (method: string, path: string, op: Operation): string[] => {
  const lines = [`### \`${method.toUpperCase()} ${path}\``, '', `${op.summary}. \`${op.operationId}\`; who: ${WHO[op['x-required-role']]}.`, ''];
  const parameters = op.parameters.map((p) => [`\`${p.name}\``, p.in, cell(typeOf(p.schema)), p.required ? 'yes' : '', cell(rulesOf(p.schema))]);
  lines.push(...table(['parameter', 'in', 'type', 'required', 'rules'], parameters));
  if (op.parameters.every((p) => p.in !== 'query')) lines.push('No query parameters (any is a 400).', '');
  // A multipart upload (attachTemporaryFile) has no JSON body to tabulate.
  const body = op.requestBody?.content['application/json']?.schema;
  if (body) {
    const rows = fieldRows(body);
    lines.push(rows.length > 0 ? 'Body (unknown fields are a 400):' : `Body: ${typeOf(body)}.`, '', ...table(['field', 'type', 'required', 'rules'], rows));
  }
  const answers = Object.entries(op.responses)
    .filter(([status]) => status.startsWith('2'))
    .map(([status, r]) => `${status} ${r.content ? typeOf(r.content['application/json'].schema) : '(no body)'}`);
  const errors = Object.keys(op.responses).filter((status) => !status.startsWith('2'));
  lines.push(`Answers: ${answers.join('; ')}. Errors (JSM's [Error](#error) shape): ${errors.join(', ')}.`, '');
  return lines;
};

const shapeSection = (name: string, s: Schema): string[] => {
  const rows = fieldRows(s);
  return [`### ${name}`, '', ...(rows.length > 0 ? table(['field', 'type', 'always', 'rules'], rows) : [`${typeOf(s)}.`, ''])];
};

export const apiReferenceMarkdown = (): string => {
  const doc = openApiDocument('https://your-api') as unknown as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Schema>; securitySchemes: Record<string, { description: string }> };
  };
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), ...operationSection(method, path, op)]);
    }
  }
  const lines = [
    '# API reference',
    '',
    '<!-- Generated by `npm run docs` from the route table (shared/routes/) and its schemas: do not edit by hand. -->',
    '',
    'Every route with who may call it, its parameters, body and answers, then every answer shape. Generated from the',
    'route table, the zod schemas that validate requests and the shapes every answer is checked against in the tests;',
    'the same, machine-readable: `GET /rest/openapi.json`. The rules behind the routes: [api.md](api.md); how close to',
    'JSM each one is: [jsm-compatibility.md](jsm-compatibility.md).',
    '',
    '## Credentials',
    '',
    ...Object.entries(doc.components.securitySchemes).map(([name, scheme]) => `- \`${name}\`: ${scheme.description}`),
    '',
    'Lists are JSM pages (`start`, `limit`: default 50, at most 100). Errors are JSM\'s shape, [Error](#error).',
    '',
    ...[...byTag].flatMap(([tag, section]) => [`## ${tag}`, '', ...section]),
    '## Shapes',
    '',
    ...Object.entries(doc.components.schemas).flatMap(([name, schema]) => shapeSection(name, schema)),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
};
