/**
 * The service desk stack, read top to bottom like the architecture diagram:
 * the table, the functions and what each may touch, the API in front, the alarms.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { FUNCTIONS, type FunctionName } from '#routes/table';
import { Alarms } from './constructs/alarms';
import { Api } from './constructs/api';
import { ApiFunction } from './constructs/api-function';
import { Data } from './constructs/data';

export interface ServiceDeskStackProps extends StackProps {
  /** Repository root, where functions/, tsconfig.json and package-lock.json live. */
  readonly projectRoot: string;
}

type TableAccess = 'items' | 'none';

/**
 * What each function may do with the table; meta serves public facts and the 404, so it touches nothing.
 * Checked at synth for every function of the route table, so a new function cannot deploy until someone decides.
 */
const TABLE_ACCESS: Readonly<Record<string, TableAccess>> = {
  meta: 'none',
  directory: 'items',
  staff: 'items',
  desks: 'items',
  organizations: 'items',
};

const tableAccessOf = (name: FunctionName): TableAccess => {
  const access = TABLE_ACCESS[name];
  if (!access) throw new Error(`infra/stack.ts: decide the table access of function "${name}" in TABLE_ACCESS`);
  return access;
};

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export class ServiceDeskStack extends Stack {
  constructor(scope: Construct, id: string, props: ServiceDeskStackProps) {
    super(scope, id, props);
    const { projectRoot } = props;

    const data = new Data(this, 'Data');

    const functions = {} as Record<FunctionName, ApiFunction>;
    for (const name of FUNCTIONS) {
      const touchesTable = tableAccessOf(name) === 'items';
      const fn = new ApiFunction(this, `${pascal(name)}Function`, {
        name,
        projectRoot,
        ...(touchesTable ? { tableName: data.table.tableName } : {}),
      });
      if (touchesTable) data.grantItemAccess(fn);
      functions[name] = fn;
    }
    // A Lambda has one handler, so meta's 404 export is a function of its own (same bundle, no grants).
    const notFound = new ApiFunction(this, 'NotFoundFunction', { name: 'meta', projectRoot, handler: 'notFoundHandler' });

    const api = new Api(this, 'Api', { functions, notFound });

    new Alarms(this, 'Alarms', {
      functions: { ...functions, notFound },
      table: data.table,
      stage: api.stage,
    });

    new CfnOutput(this, 'ApiUrl', { value: api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
  }
}
