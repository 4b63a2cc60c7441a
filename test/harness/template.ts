/**
 * The synthesized stack, for CDK assertion tests: one synthesis per test file (bundling skipped, fixed context), and
 * the lookups the tests share: resources by type, functions by service name, IAM statements by function.
 */
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ServiceDeskStack } from '../../infra/stack';

export type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };
export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

export const MAIL_DOMAIN = 'mail.example.test';
export const PORTAL_URL = 'https://help.example.test/portal';
export const projectRoot = path.resolve(__dirname, '../..');

export const SAML_PROVIDER = { name: 'CorpAD', metadataUrl: 'https://adfs.corp.example.test/FederationMetadata/2007-06/FederationMetadata.xml' };
const app = new App({ context: { 'aws:cdk:bundling-stacks': [], mailDomain: MAIL_DOMAIN, portalUrl: PORTAL_URL, samlProviders: [SAML_PROVIDER] } });
const stack = new ServiceDeskStack(app, 'ServiceDeskStack', { env: { region: 'eu-west-1' }, projectRoot });
export const template = Template.fromStack(stack);

export const resources = (type: string): Record<string, Resource> => template.findResources(type) as Record<string, Resource>;
export const only = <T>(record: Record<string, T>): T => {
  const values = Object.values(record);
  expect(values).toHaveLength(1);
  return values[0]!;
};
export const logicalIdOf = (ref: { Ref?: string; 'Fn::GetAtt'?: [string, string] }): string => ref.Ref ?? ref['Fn::GetAtt']![0];

export const functions = resources('AWS::Lambda::Function');
export const serviceOf = (fn: Resource): string => fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME;
/** "meta index.notFoundHandler": how a test names a function. */
export const namedFunctions = Object.values(functions).map((fn) => [`${serviceOf(fn)} ${fn.Properties.Handler}`, fn] as const);
export const functionOf = (service: string): [string, Resource] => {
  const found = Object.entries(functions).filter(([, fn]) => serviceOf(fn) === service && fn.Properties.Handler === 'index.handler');
  expect(found).toHaveLength(1);
  return found[0]!;
};

/** Every action of every statement in every IAM policy, inline role policies included. */
export const allPolicyActions = (): Array<{ policy: string; roles: string[]; actions: string[] }> => {
  const documents = [
    ...Object.entries(resources('AWS::IAM::Policy')).map(([id, p]) => ({
      policy: id,
      roles: (p.Properties.Roles ?? []).map(logicalIdOf),
      document: p.Properties.PolicyDocument,
    })),
    ...Object.entries(resources('AWS::IAM::Role')).flatMap(([id, r]) =>
      (r.Properties.Policies ?? []).map((p: any) => ({ policy: `${id}/${p.PolicyName}`, roles: [id], document: p.PolicyDocument })),
    ),
  ];
  return documents.map(({ policy, roles, document }) => ({
    policy,
    roles,
    actions: document.Statement.flatMap((s: any) => [s.Action ?? [], s.NotAction ?? []].flat()),
  }));
};

export const roleOf = (service: string): string => logicalIdOf(functionOf(service)[1].Properties.Role);
export const actionsOfService = (service: string): string[] =>
  allPolicyActions().filter((p) => p.roles.includes(roleOf(service))).flatMap((p) => p.actions);
/** The statements of the policies attached to a function's role. */
export const statementsOfService = (service: string): Statement[] =>
  Object.values(resources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles ?? []).some((r: any) => logicalIdOf(r) === roleOf(service)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
export const actionsOf = (statement: Statement): string[] => [statement.Action].flat();
