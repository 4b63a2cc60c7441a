/**
 * ServiceFunction: every Lambda is built the same way (runtime, architecture, bundling, logging), so a function
 * differs from another only in its name, its handler, its timeout, its environment and what it is granted.
 */
import * as path from 'node:path';
import { Duration, Stack, Token } from 'aws-cdk-lib';
import { Architecture, ParamsAndSecretsLayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionName } from '#routes/table';
import { LAMBDA_BUNDLING, functionEntry } from '../bundling';
import { LAMBDA_LOGS_POLICY_FINDING, acknowledge } from '../nag';
import { paramsAndSecretsLayerArn } from '../secrets-layer';

/** The API's functions (from the route table), the scheduled one, the one SES invokes and the one its delivery events reach. */
export type LambdaName = FunctionName | 'cleanup' | 'inbound-mail' | 'mail-events';

export interface ServiceFunctionProps {
  /** The function's name: its entry file (functions/<name>.ts) and its logger's service name. */
  readonly name: LambdaName;
  /** Repository root: entry files, lockfile and tsconfig are resolved from here, not from the process's cwd. */
  readonly projectRoot: string;
  /** Exported handler of the entry file. */
  readonly handler?: string;
  /** What the function reads from its environment (TABLE_NAME, MAIL_DOMAIN, ...), beyond the common settings. */
  readonly environment?: Readonly<Record<string, string>>;
  /** API functions answer within API Gateway's limit; scheduled ones get longer. Default 10 s. */
  readonly timeout?: Duration;
  /**
   * Reads a secret: through AWS's Parameters and Secrets extension (a layer serving GetSecretValue on localhost,
   * cached), so no Secrets Manager client is bundled.
   */
  readonly readsSecrets?: boolean;
}

const FORMATS = { cjs: OutputFormat.CJS, esm: OutputFormat.ESM } as const;

export class ServiceFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const { name, projectRoot, handler = 'handler', environment = {}, timeout = Duration.seconds(10), readsSecrets = false } = props;
    // A log group of our own (not the implicit one) so retention is set without a custom resource.
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
    const region = Stack.of(scope).region;
    if (readsSecrets && Token.isUnresolved(region)) throw new Error('ServiceFunction: the stack needs a concrete region to pick the secrets extension layer');
    super(scope, id, {
      description: `${name}: ${handler}`,
      entry: path.join(projectRoot, functionEntry(name)),
      handler,
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout,
      logGroup,
      ...(readsSecrets ? { paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersionArn(paramsAndSecretsLayerArn(scope, region)) } : {}),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: name,
        ...environment,
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
    acknowledge(this, LAMBDA_LOGS_POLICY_FINDING, 'AWSLambdaBasicExecutionRole only lets the function write its own logs (CreateLogStream/PutLogEvents), the minimum a Lambda needs');
  }
}
