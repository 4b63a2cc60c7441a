/**
 * Every successful answer a test receives is parsed against the shape its route declares
 * (shared/routes/outputs/answers.ts): a field added to a view without its shape, a status the route does not list,
 * or a body where none is declared fails the test that saw it. So the OpenAPI document cannot drift from the answers.
 */
import { ROUTE_ANSWERS, type Answer } from '#routes/outputs/answers';
import { routeList, type OperationId } from '#routes/table';

const compiled = routeList().map((r) => ({
  method: r.method,
  operationId: r.operationId,
  pattern: new RegExp(`^${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

export const operationOf = (method: string, path: string): OperationId | undefined =>
  compiled.find((r) => r.method === method.toUpperCase() && r.pattern.test(path.split('?')[0] ?? ''))?.operationId;

/** Throws, naming the route and what differs, when a 2xx answer is not what its route declares. */
export const checkAnswer = (method: string, path: string, status: number, body: unknown): void => {
  if (status < 200 || status > 299) return;
  const operationId = operationOf(method, path);
  if (!operationId) return;
  const declared = (ROUTE_ANSWERS[operationId] as Partial<Record<number, Answer>>)[status];
  const where = `${operationId} (${method} ${path}) answered ${status}`;
  if (declared === undefined) throw new Error(`${where}, a status its route does not declare (shared/routes/outputs/answers.ts)`);
  if (declared === null) {
    if (body !== undefined) throw new Error(`${where} with a body, where its route declares none: ${JSON.stringify(body).slice(0, 300)}`);
    return;
  }
  const result = declared.safeParse(body);
  if (!result.success) {
    const at = (path: PropertyKey[]) => path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key], body);
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message} ${'keys' in i ? JSON.stringify(i.keys) : `(got ${JSON.stringify(at(i.path))})`}`);
    throw new Error(`${where} with a body its declared shape refuses: ${issues.join('; ')}`);
  }
};
