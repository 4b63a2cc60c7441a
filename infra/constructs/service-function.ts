/**
 * ApiFunction: every Lambda behind the API is built the same way (runtime, architecture, bundling, logging),
 * so a function differs from another only in its name, its handler and what it is granted.
 */
import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionName } from '#routes/table';
import { LAMBDA_BUNDLING, functionEntry } from '../bundling';

export interface ApiFunctionProps {
  /** The function's name in the route table; also its entry file and its logger's service name. */
  readonly name: FunctionName;
  /** Repository root: entry files, lockfile and tsconfig are resolved from here, not from the process's cwd. */
  readonly projectRoot: string;
  /** Exported handler of the entry file. */
  readonly handler?: string;
  /** Given only to functions that touch the table. */
  readonly tableName?: string;
}

const FORMATS = { cjs: OutputFormat.CJS, esm: OutputFormat.ESM } as const;

export class ApiFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    const { name, projectRoot, handler = 'handler', tableName } = props;
    // A log group of our own (not the implicit one) so retention is set without a custom resource.
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
    super(scope, id, {
      description: `${name}: ${handler}`,
      entry: path.join(projectRoot, functionEntry(name)),
      handler,
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      logGroup,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: name,
        ...(tableName ? { TABLE_NAME: tableName } : {}),
      },
      bundling: {
        minify: LAMBDA_BUNDLING.minify,
        sourceMap: LAMBDA_BUNDLING.sourceMap,
        sourcesContent: LAMBDA_BUNDLING.sourcesContent,
        target: LAMBDA_BUNDLING.target,
        format: FORMATS[LAMBDA_BUNDLING.format],
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        externalModules: [...LAMBDA_BUNDLING.externalModules],
        tsconfig: path.join(projectRoot, LAMBDA_BUNDLING.tsconfig),
        // esbuild is a local dev dependency: bundle on this machine, never in Docker.
        forceDockerBundling: false,
      },
    });
  }
}
